#!/usr/bin/env node
// Rasterises icons/icon.svg to the PNG sizes manifest.json lists. The PNGs are committed, so a
// build never needs the native rasteriser; run `npm run icons` after editing the SVG.
import { Resvg } from '@resvg/resvg-js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ICONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'icons');
const SIZES = [16, 32, 48, 128];

const svg = await readFile(path.join(ICONS, 'icon.svg'), 'utf8');
for (const size of SIZES) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
  const out = path.join(ICONS, `icon-${size}.png`);
  await writeFile(out, png);
  console.log(`${path.relative(process.cwd(), out)}  ${size}x${size}  ${png.length} B`);
}
