/**
 * Pictures for the demo newsroom, drawn for it: SVG scenes, maps and charts written here
 * (no text, so no font is needed), rendered to JPEG by sharp at seed time. Nothing is copied
 * from anywhere. Each picture serves the stories of one thread, as a file picture does.
 */

export const PICTURE_WIDTH = 1280;
export const PICTURE_HEIGHT = 720;
const W = PICTURE_WIDTH;
const H = PICTURE_HEIGHT;

export interface DemoPicture {
  key: string;
  /** Tags (or category slugs) whose articles use this picture, first match wins in list order. */
  for: string[];
  alt: string;
  caption: string;
  svg: () => string;
}

/** A small deterministic generator, so every seed draws the same picture (and the same file name). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const svg = (body: string, defs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;
const sky = (id: string, top: string, bottom: string) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>`;
const waves = (y: number, colour: string, r: () => number, n = 14) =>
  Array.from({ length: n }, (_, i) => {
    const yy = y + i * ((H - y) / n);
    const x = r() * W;
    return `<path d="M${x - 90} ${yy} q 45 -10 90 0 t 90 0" stroke="${colour}" stroke-width="3" fill="none" opacity="${0.25 + r() * 0.4}"/>`;
  }).join('');

function bridge(): string {
  const r = rng(1);
  const deck = 470;
  const cables = Array.from({ length: 27 }, (_, i) => {
    const x = 140 + i * 38;
    const towerA = 380;
    const towerB = 900;
    const sag = (x: number) => {
      const span = x < towerA ? [60, towerA] : x > towerB ? [towerB, 1220] : [towerA, towerB];
      const t = (x - span[0]!) / (span[1]! - span[0]!);
      return 170 + (deck - 190) * 4 * t * (1 - t) * (x < towerA || x > towerB ? 0.55 : 1);
    };
    return `<line x1="${x}" y1="${sag(x)}" x2="${x}" y2="${deck}" stroke="#2b2d42" stroke-width="3"/>`;
  }).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="url(#s)"/><circle cx="1010" cy="210" r="80" fill="#ffd6a5" opacity=".9"/>
    <rect y="${deck + 30}" width="${W}" height="${H - deck}" fill="#1d3557"/>${waves(deck + 50, '#a8dadc', r, 22)}
    <path d="M60 170 Q 220 420 380 170 Q 640 560 900 170 Q 1060 420 1220 170" stroke="#2b2d42" stroke-width="7" fill="none"/>
    ${cables}<rect x="360" y="140" width="40" height="${deck - 110}" fill="#e76f51"/><rect x="880" y="140" width="40" height="${deck - 110}" fill="#e76f51"/>
    <rect x="0" y="${deck}" width="${W}" height="26" fill="#2b2d42"/>
    <rect x="560" y="${deck - 90}" width="170" height="90" fill="none" stroke="#f4a261" stroke-width="6"/>
    <path d="M560 ${deck - 90} l170 90 M730 ${deck - 90} l-170 90" stroke="#f4a261" stroke-width="4"/>`,
    sky('s', '#f4a261', '#ffe8d6'),
  );
}

function ferry(): string {
  const r = rng(2);
  return svg(
    `<rect width="${W}" height="${H}" fill="url(#s)"/><rect y="380" width="${W}" height="340" fill="#277da1"/>${waves(400, '#e0fbfc', r, 26)}
    <path d="M0 380 L 180 300 L 330 340 L 520 280 L 700 380 Z" fill="#43aa8b"/>
    <g transform="translate(430 330)"><path d="M0 60 L 520 60 L 470 130 L 40 130 Z" fill="#f8f9fa"/><rect x="90" y="10" width="330" height="50" fill="#f8f9fa"/>
    <rect x="120" y="22" width="270" height="20" fill="#1d3557"/><rect x="200" y="-40" width="60" height="50" fill="#f94144"/><rect x="0" y="100" width="520" height="12" fill="#f94144"/></g>
    <path d="M430 470 q 260 40 520 0" stroke="#e0fbfc" stroke-width="6" fill="none" opacity=".7"/>`,
    sky('s', '#90e0ef', '#caf0f8'),
  );
}

function heatChart(): string {
  const temps = [27, 29, 33, 36, 38, 39, 37, 31, 28];
  const bars = temps.map((t, i) => {
    const h = (t - 15) * 20;
    const hue = Math.round(50 - (t - 27) * 4);
    return `<rect x="${150 + i * 115}" y="${620 - h}" width="80" height="${h}" rx="6" fill="hsl(${hue} 90% 55%)"/>`;
  }).join('');
  const grid = [0, 1, 2, 3, 4].map((i) => `<line x1="110" x2="1200" y1="${620 - i * 100}" y2="${620 - i * 100}" stroke="#6c757d" stroke-width="1" opacity=".5"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="#fff8e7"/><circle cx="1120" cy="120" r="70" fill="#ffb703"/>
    ${Array.from({ length: 12 }, (_, i) => `<line x1="1120" y1="120" x2="${1120 + Math.cos((i * Math.PI) / 6) * 120}" y2="${120 + Math.sin((i * Math.PI) / 6) * 120}" stroke="#ffb703" stroke-width="8" stroke-linecap="round"/>`).join('')}
    ${grid}${bars}<line x1="110" x2="1200" y1="300" y2="300" stroke="#d00000" stroke-width="4" stroke-dasharray="18 12"/>
    <line x1="110" x2="110" y1="160" y2="620" stroke="#343a40" stroke-width="3"/><line x1="110" x2="1200" y1="620" y2="620" stroke="#343a40" stroke-width="3"/>`,
  );
}

function oceanMap(): string {
  const r = rng(4);
  const blobs = Array.from({ length: 9 }, () => `<ellipse cx="${100 + r() * 1080}" cy="${120 + r() * 480}" rx="${60 + r() * 140}" ry="${40 + r() * 90}" fill="url(#hot)" opacity="${0.5 + r() * 0.4}"/>`).join('');
  const grid = Array.from({ length: 11 }, (_, i) => `<line x1="${i * 128}" x2="${i * 128}" y1="0" y2="${H}" stroke="#caf0f8" opacity=".25"/>`).join('')
    + Array.from({ length: 7 }, (_, i) => `<line y1="${i * 120}" y2="${i * 120}" x1="0" x2="${W}" stroke="#caf0f8" opacity=".25"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="#023e8a"/>${grid}${blobs}
    <path d="M180 90 q120 -40 200 30 q60 90 -30 160 q-120 60 -170 -40 q-40 -90 0 -150 Z" fill="#90a955"/>
    <path d="M720 380 q140 -60 260 10 q70 120 -40 210 q-170 70 -230 -60 q-30 -90 10 -160 Z" fill="#90a955"/>
    <path d="M560 60 q60 -20 110 20 q20 60 -50 80 q-70 0 -60 -100 Z" fill="#90a955"/>`,
    `<radialGradient id="hot"><stop offset="0" stop-color="#d00000"/><stop offset=".6" stop-color="#f48c06" stop-opacity=".7"/><stop offset="1" stop-color="#ffba08" stop-opacity="0"/></radialGradient>`,
  );
}

function port(): string {
  const r = rng(5);
  const palette = ['#e63946', '#f1faee', '#a8dadc', '#457b9d', '#ffb703', '#2a9d8f', '#e76f51'];
  const containers = Array.from({ length: 4 }, (_, row) => Array.from({ length: 14 }, (_, col) =>
    `<rect x="${250 + col * 52}" y="${380 - row * 34}" width="50" height="32" fill="${palette[Math.floor(r() * palette.length)]}"/>`).join('')).join('');
  const crane = (x: number) => `<g stroke="#fb8500" stroke-width="10" fill="none"><path d="M${x} 560 L ${x} 130 L ${x + 260} 130 M${x - 120} 130 L ${x} 130 M${x} 200 L ${x + 200} 130"/><line x1="${x + 180}" y1="130" x2="${x + 180}" y2="300" stroke-width="3"/></g>`;
  return svg(
    `<rect width="${W}" height="${H}" fill="url(#s)"/><rect y="480" width="${W}" height="240" fill="#264653"/>${waves(500, '#8ecae6', r, 18)}
    ${crane(150)}${crane(1000)}<path d="M200 414 L 1020 414 L 960 500 L 250 500 Z" fill="#1d3557"/>${containers}
    <rect x="900" y="290" width="90" height="124" fill="#f1faee"/><rect x="915" y="305" width="60" height="20" fill="#1d3557"/>`,
    sky('s', '#bde0fe', '#fefae0'),
  );
}

function europeMap(): string {
  return svg(
    `<rect width="${W}" height="${H}" fill="#a2d2ff"/>
    <path d="M0 0 L 560 0 Q 600 120 520 200 Q 430 300 520 380 Q 600 470 470 560 Q 380 640 420 720 L 0 720 Z" fill="#cdeac0"/>
    <path d="M1280 0 L 760 0 Q 720 90 800 170 Q 900 260 820 350 Q 760 430 860 520 Q 960 620 900 720 L 1280 720 Z" fill="#cdeac0"/>
    <path d="M470 320 C 600 260 700 420 830 330" stroke="#d62828" stroke-width="6" stroke-dasharray="20 14" fill="none"/>
    <g fill="#d62828"><path d="M470 320 m -22 -30 a 22 22 0 1 1 44 0 q 0 20 -22 50 q -22 -30 -22 -50 Z"/><path d="M830 330 m -22 -30 a 22 22 0 1 1 44 0 q 0 20 -22 50 q -22 -30 -22 -50 Z"/></g>
    <circle cx="470" cy="288" r="8" fill="#fff"/><circle cx="830" cy="298" r="8" fill="#fff"/>
    <path d="M200 560 l 40 -60 l 40 60 Z M260 600 l 30 -45 l 30 45 Z" fill="#90a955"/>
    <path d="M1000 200 l 40 -60 l 40 60 Z" fill="#90a955"/>
    <g fill="none" stroke="#457b9d" stroke-width="2" opacity=".6"><path d="M600 500 q 40 -10 80 0"/><path d="M620 540 q 40 -10 80 0"/><path d="M640 160 q 40 -10 80 0"/></g>`,
  );
}

function typhoon(): string {
  const arms = Array.from({ length: 5 }, (_, i) => {
    const a = (i * 2 * Math.PI) / 5;
    return `<path d="M640 360 q ${Math.cos(a) * 260} ${Math.sin(a) * 260} ${Math.cos(a + 1.2) * 330} ${Math.sin(a + 1.2) * 330}" stroke="#f8f9fa" stroke-width="${44 - i * 4}" stroke-linecap="round" fill="none" opacity=".8"/>`;
  }).join('');
  const grid = Array.from({ length: 9 }, (_, i) => `<line x1="${i * 160}" x2="${i * 160}" y1="0" y2="${H}" stroke="#e9ecef" opacity=".2"/>`).join('')
    + Array.from({ length: 5 }, (_, i) => `<line y1="${i * 180}" y2="${i * 180}" x1="0" x2="${W}" stroke="#e9ecef" opacity=".2"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="#003566"/>${grid}<path d="M0 520 q 200 -80 340 -20 q 120 60 60 200 L 0 720 Z" fill="#588157"/>
    <path d="M1000 0 q -60 120 60 200 q 140 80 220 40 L 1280 0 Z" fill="#588157"/>${arms}<circle cx="640" cy="360" r="40" fill="#003566"/>
    <path d="M180 620 C 400 560 520 450 620 380" stroke="#ffc300" stroke-width="5" stroke-dasharray="14 10" fill="none"/>`,
  );
}

function marketChart(): string {
  const r = rng(8);
  let y = 470;
  const points = Array.from({ length: 40 }, (_, i) => {
    y += (r() - 0.45) * 40;
    y = Math.max(140, Math.min(600, y));
    return `${110 + i * 27},${y.toFixed(1)}`;
  });
  const candles = points.filter((_, i) => i % 3 === 0).map((p) => {
    const [x, yy] = p.split(',').map(Number) as [number, number];
    const up = r() > 0.45;
    return `<rect x="${x - 6}" y="${yy - 20}" width="12" height="40" fill="${up ? '#2a9d8f' : '#e76f51'}" opacity=".55"/>`;
  }).join('');
  const grid = [0, 1, 2, 3, 4, 5].map((i) => `<line x1="110" x2="1180" y1="${130 + i * 95}" y2="${130 + i * 95}" stroke="#adb5bd" opacity=".4"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="#0b132b"/>${grid}${candles}
    <polyline points="${points.join(' ')}" fill="none" stroke="#5bc0be" stroke-width="6" stroke-linejoin="round"/>
    <polygon points="110,660 ${points.join(' ')} ${110 + 39 * 27},660" fill="#5bc0be" opacity=".15"/>`,
  );
}

function housing(): string {
  const colours = ['#e9c46a', '#f4a261', '#e76f51', '#2a9d8f', '#8ab17d', '#ffafcc', '#bde0fe'];
  const houses = colours.map((c, i) => {
    const x = 60 + i * 170;
    const h = 220 + (i % 3) * 40;
    return `<rect x="${x}" y="${600 - h}" width="160" height="${h}" fill="${c}"/><path d="M${x - 10} ${600 - h} L ${x + 80} ${520 - h} L ${x + 170} ${600 - h} Z" fill="#6d597a"/>
      <rect x="${x + 25}" y="${640 - h}" width="40" height="50" fill="#fefae0"/><rect x="${x + 95}" y="${640 - h}" width="40" height="50" fill="#fefae0"/><rect x="${x + 60}" y="${520}" width="40" height="80" fill="#355070"/>`;
  }).join('');
  const arrow = `<path d="M120 200 L 420 150 L 700 120 L 1100 60" stroke="#d62828" stroke-width="10" fill="none"/><path d="M1100 60 l -50 0 l 20 40 Z" fill="#d62828"/>`;
  return svg(`<rect width="${W}" height="${H}" fill="#caf0f8"/><rect y="600" width="${W}" height="120" fill="#6c757d"/>${houses}${arrow}`);
}

function kelp(): string {
  const r = rng(10);
  const strands = Array.from({ length: 16 }, (_, i) => {
    const x = 40 + i * 80 + r() * 30;
    const sway = 30 + r() * 40;
    return `<path d="M${x} 720 C ${x + sway} 560 ${x - sway} 420 ${x + sway / 2} ${180 + r() * 160}" stroke="${r() > 0.5 ? '#588157' : '#a3b18a'}" stroke-width="${12 + r() * 10}" fill="none" stroke-linecap="round"/>`;
  }).join('');
  const bubbles = Array.from({ length: 30 }, () => `<circle cx="${r() * W}" cy="${r() * 600}" r="${3 + r() * 8}" fill="none" stroke="#e0fbfc" opacity=".6"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="url(#s)"/>${strands}${bubbles}
    <line x1="700" y1="0" x2="700" y2="330" stroke="#ffd166" stroke-width="4"/><rect x="670" y="330" width="60" height="90" rx="14" fill="#ffd166"/><circle cx="700" cy="360" r="12" fill="#ef476f"/>
    <path d="M640 0 h120 v30 h-120 Z" fill="#ef476f"/>`,
    sky('s', '#0096c7', '#023e8a'),
  );
}

function cityData(): string {
  const r = rng(11);
  const streets = Array.from({ length: 12 }, (_, i) => `<line x1="${i * 115}" x2="${i * 115 + 60}" y1="0" y2="${H}" stroke="#495057" stroke-width="${i % 4 === 0 ? 10 : 4}"/>`).join('')
    + Array.from({ length: 8 }, (_, i) => `<line y1="${i * 100}" y2="${i * 100 + 40}" x1="0" x2="${W}" stroke="#495057" stroke-width="${i % 3 === 0 ? 10 : 4}"/>`).join('');
  const dots = Array.from({ length: 70 }, () => {
    const v = r();
    return `<circle cx="${r() * W}" cy="${r() * H}" r="${6 + v * 22}" fill="${v > 0.7 ? '#ff006e' : v > 0.4 ? '#fb5607' : '#ffbe0b'}" opacity=".75"/>`;
  }).join('');
  return svg(`<rect width="${W}" height="${H}" fill="#212529"/><path d="M0 560 Q 400 500 700 620 T 1280 600 V 720 H 0 Z" fill="#1d3557"/>${streets}${dots}`);
}

function sailing(): string {
  const r = rng(12);
  const boats = Array.from({ length: 9 }, (_, i) => {
    const x = 80 + i * 135 + r() * 30;
    const y = 380 + r() * 200;
    const s = 0.6 + (y - 380) / 400;
    const c = ['#f94144', '#f3722c', '#f9c74f', '#90be6d', '#577590', '#f8f9fa'][i % 6];
    return `<g transform="translate(${x} ${y}) scale(${s})"><path d="M0 0 L 0 -170 L 90 0 Z" fill="${c}"/><path d="M-8 -10 L -8 -140 L -70 -10 Z" fill="#f8f9fa"/><path d="M-80 8 L 110 8 L 90 34 L -60 34 Z" fill="#343a40"/></g>`;
  }).join('');
  return svg(`<rect width="${W}" height="${H}" fill="url(#s)"/><rect y="360" width="${W}" height="360" fill="#0077b6"/>${waves(380, '#caf0f8', r, 30)}${boats}`, sky('s', '#48cae4', '#ade8f4'));
}

function football(): string {
  const r = rng(13);
  const players = Array.from({ length: 22 }, (_, i) => `<circle cx="${140 + r() * 1000}" cy="${110 + r() * 500}" r="13" fill="${i < 11 ? '#e63946' : '#1d3557'}" stroke="#fff" stroke-width="3"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="#2d6a4f"/>${Array.from({ length: 8 }, (_, i) => `<rect x="${i * 160}" width="80" height="${H}" fill="#40916c" opacity=".5"/>`).join('')}
    <g stroke="#f8f9fa" stroke-width="5" fill="none"><rect x="80" y="60" width="1120" height="600"/><line x1="640" y1="60" x2="640" y2="660"/><circle cx="640" cy="360" r="90"/>
    <rect x="80" y="220" width="160" height="280"/><rect x="1040" y="220" width="160" height="280"/><rect x="80" y="300" width="60" height="120"/><rect x="1140" y="300" width="60" height="120"/></g>
    ${players}<circle cx="700" cy="330" r="9" fill="#fff"/>`,
  );
}

function jazz(): string {
  const r = rng(14);
  const crowd = Array.from({ length: 60 }, (_, i) => `<circle cx="${(i * 23) % W + r() * 10}" cy="${640 + (i % 3) * 24}" r="${22 + r() * 8}" fill="#14213d"/>`).join('');
  const beams = [200, 520, 840, 1100].map((x, i) => `<path d="M${x} 0 L ${x - 160} 560 L ${x + 160} 560 Z" fill="${['#ffbe0b', '#ff006e', '#8338ec', '#3a86ff'][i]}" opacity=".25"/>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="#1b1b3a"/>${beams}<rect x="120" y="520" width="1040" height="60" fill="#3a0ca3"/>
    <g fill="#ffbe0b"><circle cx="430" cy="430" r="22"/><rect x="426" y="300" width="8" height="130"/><path d="M434 300 q 40 20 20 60 q 10 -30 -20 -40 Z"/>
    <circle cx="840" cy="460" r="22"/><rect x="836" y="330" width="8" height="130"/></g>
    <path d="M560 420 q 80 -140 150 -40 l -20 20 q -50 -60 -110 30 Z" fill="#fb5607"/>${crowd}`,
  );
}

function library(): string {
  const r = rng(15);
  const colours = ['#780000', '#c1121f', '#003049', '#669bbc', '#fdf0d5', '#588157', '#bc6c25', '#6d597a'];
  const shelves = [130, 330, 530].map((y) => {
    let x = 80;
    let books = '';
    while (x < 1180) {
      const w = 22 + r() * 30;
      const h = 120 + r() * 50;
      books += `<rect x="${x.toFixed(0)}" y="${(y + 170 - h).toFixed(0)}" width="${w.toFixed(0)}" height="${h.toFixed(0)}" fill="${colours[Math.floor(r() * colours.length)]}"/>`;
      x += w + 3;
    }
    return `${books}<rect x="60" y="${y + 170}" width="1160" height="18" fill="#6f4518"/>`;
  }).join('');
  return svg(`<rect width="${W}" height="${H}" fill="#f5ebe0"/><rect x="40" y="100" width="1200" height="620" fill="#d5bdaf"/>${shelves}`);
}

function museum(): string {
  const r = rng(16);
  const mesh = Array.from({ length: 18 }, (_, i) => `<path d="M${i * 80} 0 Q ${i * 80 + 40} 360 ${i * 80} 720" stroke="#e9c46a" stroke-width="3" fill="none" opacity=".8"/>`).join('')
    + Array.from({ length: 10 }, (_, i) => `<path d="M0 ${i * 80} Q 640 ${i * 80 + 40} 1280 ${i * 80}" stroke="#e9c46a" stroke-width="3" fill="none" opacity=".8"/>`).join('');
  const fish = Array.from({ length: 10 }, () => {
    const x = 100 + r() * 1050;
    const y = 100 + r() * 520;
    return `<g transform="translate(${x} ${y})"><ellipse rx="55" ry="22" fill="#2a9d8f"/><path d="M50 0 l 40 -26 l 0 52 Z" fill="#2a9d8f"/><circle cx="-30" cy="-5" r="5" fill="#fff"/></g>`;
  }).join('');
  return svg(`<rect width="${W}" height="${H}" fill="#264653"/>${fish}${mesh}`);
}

function fishing(): string {
  const r = rng(17);
  const crates = Array.from({ length: 8 }, (_, i) => `<rect x="${120 + i * 130}" y="560" width="110" height="70" fill="#48cae4"/><g fill="#adb5bd">${Array.from({ length: 4 }, (_, j) => `<ellipse cx="${140 + i * 130 + j * 24}" cy="${555 - (j % 2) * 6}" rx="16" ry="7"/>`).join('')}</g>`).join('');
  return svg(
    `<rect width="${W}" height="${H}" fill="url(#s)"/><rect y="340" width="${W}" height="200" fill="#0077b6"/>${waves(350, '#caf0f8', r, 14)}
    <g transform="translate(680 250)"><path d="M0 90 L 420 90 L 380 160 L 30 160 Z" fill="#d62828"/><rect x="250" y="20" width="110" height="70" fill="#f8f9fa"/><line x1="120" y1="90" x2="120" y2="-90" stroke="#343a40" stroke-width="8"/><line x1="120" y1="-80" x2="-60" y2="60" stroke="#343a40" stroke-width="3"/></g>
    <rect y="540" width="${W}" height="180" fill="#6c757d"/>${crates}`,
    sky('s', '#ffafcc', '#fde2e4'),
  );
}

function windFarm(): string {
  const turbine = (x: number, y: number, s: number, a: number) => `<g transform="translate(${x} ${y}) scale(${s})"><path d="M-6 0 L 6 0 L 3 -300 L -3 -300 Z" fill="#f8f9fa"/>${[0, 120, 240].map((d) => `<path d="M0 -300 L -8 -300 L 0 -470 Z" fill="#f8f9fa" transform="rotate(${a + d} 0 -300)"/>`).join('')}<circle cy="-300" r="10" fill="#dee2e6"/></g>`;
  return svg(
    `<rect width="${W}" height="${H}" fill="url(#s)"/><rect y="520" width="${W}" height="200" fill="#0a9396"/>
    ${turbine(200, 560, 1, 10)}${turbine(470, 540, 0.8, 40)}${turbine(700, 530, 0.65, 75)}${turbine(890, 525, 0.55, 20)}${turbine(1060, 522, 0.45, 55)}${turbine(1190, 520, 0.38, 5)}`,
    sky('s', '#94d2bd', '#e9d8a6'),
  );
}

export const demoPictures: readonly DemoPicture[] = [
  { key: 'bridge', for: ['harbour bridge'], alt: 'Drawing of a suspension bridge at sunset with scaffolding on its deck', caption: 'The Harbour Bridge, drawn for the Courier.', svg: bridge },
  { key: 'ferry', for: ['ferries'], alt: 'Drawing of a red and white ferry crossing the sound', caption: 'A Sound Ferries crossing.', svg: ferry },
  { key: 'ocean-map', for: ['oceans'], alt: 'Map of the ocean with red and orange patches of warm water', caption: 'Warm water patches (illustrative).', svg: oceanMap },
  { key: 'heat-chart', for: ['heat wave'], alt: 'Bar chart of daily high temperatures rising to 39 degrees and falling again', caption: 'Daily highs over the heat wave, in degrees Celsius (illustrative).', svg: heatChart },
  { key: 'kelp', for: ['kelpwise', 'aquaculture'], alt: 'Underwater drawing of kelp strands around a yellow sensor buoy', caption: 'A sensor buoy on a seaweed farm.', svg: kelp },
  { key: 'football', for: ['football'], alt: 'Top-down drawing of a football pitch with red and blue players', caption: 'Port Alder Athletic on the Quayside pitch.', svg: football },
  { key: 'sailing', for: ['sailing', 'water sports'], alt: 'Drawing of colourful sailing boats racing on blue water', caption: 'Boats on Alder Sound.', svg: sailing },
  { key: 'library', for: ['libraries', 'books'], alt: 'Drawing of shelves filled with colourful book spines', caption: 'Shelves at the Central Library.', svg: library },
  { key: 'jazz', for: ['music', 'festivals', 'events'], alt: 'Drawing of a festival stage with coloured lights above a crowd', caption: 'The harbourside jazz stage.', svg: jazz },
  { key: 'museum', for: ['history', 'arts'], alt: 'Pattern of teal fish behind a golden fishing net', caption: 'Net and fish, after the cannery mural.', svg: museum },
  { key: 'europe-map', for: ['lorvenne', 'europe'], alt: 'Map of two coastlines with a dashed red route between two pins', caption: 'Port Alder and Lorvenne, across the water (map not to scale).', svg: europeMap },
  { key: 'typhoon', for: ['asia'], alt: 'Map-style drawing of a typhoon spiral over the ocean with a dashed storm track', caption: 'An early-season typhoon track (illustrative).', svg: typhoon },
  { key: 'markets', for: ['interest rates', 'markets'], alt: 'Line chart of a price rising and falling over forty days', caption: 'Prices over forty trading days (illustrative).', svg: marketChart },
  { key: 'housing', for: ['housing', 'cost of living'], alt: 'Drawing of a row of colourful houses under a rising red arrow', caption: 'Rents in Port Alder keep climbing.', svg: housing },
  { key: 'fishing', for: ['fishing'], alt: 'Drawing of a red fishing boat behind crates of fish on a quay', caption: 'The morning catch on the fish quay.', svg: fishing },
  { key: 'wind', for: ['energy'], alt: 'Drawing of offshore wind turbines at dusk', caption: 'Turbines off the coast.', svg: windFarm },
  { key: 'port', for: ['port', 'shipping', 'maritime'], alt: 'Drawing of a container ship under two orange cranes', caption: 'The container terminal.', svg: port },
  { key: 'city-data', for: ['open data', 'start-ups', 'city council', 'transport', 'infrastructure', 'education', 'jobs', 'local economy'], alt: 'Night map of city streets with coloured dots of data', caption: 'The city, mapped.', svg: cityData },
];

/** The picture for an article's tags and category: the first picture whose list names one of them. */
export function pictureFor(tags: readonly string[], category: string): DemoPicture | undefined {
  const names = new Set([...tags, category]);
  return demoPictures.find((p) => p.for.some((t) => names.has(t)));
}
