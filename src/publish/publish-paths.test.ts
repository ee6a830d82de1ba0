import { describe, expect, it } from 'vitest';
import { fileForUrl, isCompressible, linkedArticleSlugs, linkedMedia, listingUrl } from './publish-paths.js';

describe('fileForUrl', () => {
  it('gives pages a folder of their own and files their own path', () => {
    expect(fileForUrl('/')).toBe('index.html');
    expect(fileForUrl('/articles/harbour-bridge')).toBe('articles/harbour-bridge/index.html');
    expect(fileForUrl('/articles/harbour-bridge/')).toBe('articles/harbour-bridge/index.html');
    expect(fileForUrl('/tag/harbour/feed.xml')).toBe('tag/harbour/feed.xml');
    expect(fileForUrl('/sitemap-articles-2.xml')).toBe('sitemap-articles-2.xml');
    expect(fileForUrl('/assets/site.css')).toBe('assets/site.css');
    expect(fileForUrl('/media/ab12-640.avif')).toBe('media/ab12-640.avif');
  });

  it('maps ?page=N to page-N.html, page 1 to the index, and no other query to a file', () => {
    expect(fileForUrl('/category/world?page=1')).toBe('category/world/index.html');
    expect(fileForUrl('/category/world?page=12')).toBe('category/world/page-12.html');
    expect(fileForUrl('/category/world?page=0')).toBeUndefined();
    expect(fileForUrl('/category/world?page=2&x=1')).toBeUndefined();
    expect(fileForUrl('/articles/a?reacted=1')).toBeUndefined();
    expect(fileForUrl('/feed.xml?page=2')).toBeUndefined();
  });

  it('decodes slugs to the names nginx looks up, and refuses any way out of the folder', () => {
    expect(fileForUrl(`/articles/${encodeURIComponent('港口-大桥')}`)).toBe('articles/港口-大桥/index.html');
    for (const bad of ['/articles/..', '/articles/%2e%2e', '/articles/a%2Fb', '/articles/a%5Cb', '/articles/%00', '/articles/%zz', '/.masthead-publish.json', 'articles/x']) {
      expect(fileForUrl(bad), bad).toBeUndefined();
    }
  });
});

describe('page contents', () => {
  it('finds the article links and image variants a page shows', () => {
    const html = '<a href="/articles/one">1</a><a href="/articles/one">again</a><a href="/articles/two?x">q</a>'
      + '<a href="/articles/%E6%B8%AF">cjk</a><img src="/media/abc-320.avif" srcset="/media/abc-320.avif 320w, /media/abc-640.webp 640w">';
    expect(linkedArticleSlugs(html)).toEqual(['one', '港']);
    expect(linkedMedia(html)).toEqual(['/media/abc-320.avif', '/media/abc-640.webp']);
  });

  it('compresses text, not images', () => {
    expect(['index.html', 'feed.xml', 'feed.json', 'robots.txt', 'assets/site.css', 'assets/site.js', 'assets/logo.svg'].every(isCompressible)).toBe(true);
    expect(['media/a-1.avif', 'media/a-1.webp', 'media/a-1.jpg'].some(isCompressible)).toBe(false);
  });

  it('links listing pages the way the pages do', () => {
    expect(listingUrl('/tag/x', 1)).toBe('/tag/x');
    expect(listingUrl('/tag/x', 3)).toBe('/tag/x?page=3');
  });
});
