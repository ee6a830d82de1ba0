/** The logo as a square PNG of `size` px: the favicon for browsers without SVG icons, the home-screen icon. */
export async function iconPng(svg: Buffer, size: number): Promise<Buffer> {
  // The image library is loaded with the first icon asked for, not with the server.
  const { default: sharp } = await import('sharp');
  return sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 512) * 2) }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();
}
