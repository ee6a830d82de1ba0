import { it } from 'vitest';
import { mastheadOn } from './helpers/masthead-on.js';
it('dbg', async () => {
  const { m, close } = await mastheadOn('sqlite');
  await m.storage.transaction(async (s) => {
    await m.articles.save(s, { title: 'Headline x', summary: 'A summary.', body: 'Body.', category: 'World/Asia', coverImageUrl: 'https://cdn.example.org/cover.jpg', tags: ['Trade'] });
  });
  const res = await m.app.inject({ url: '/', headers: { accept: 'application/json' } });
  console.log(res.statusCode, res.body.slice(0, 300));
  await close();
});
