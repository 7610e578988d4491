// `npm run icons`: the tray icons in build/tray from the SVGs in icons.ts, for each tray state:
// <state>.png and @2x (Linux), <state>Template.png and @2x (macOS template images), <state>.ico
// with 16–64 px (Windows), and the SVG sources beside them in build/tray/svg. Run by `npm run
// dist` before packaging; the output is committed so a plain build needs no renderer.
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { TRAY_ICONS } from '../../shared/shell/tray-model'
import { colourSvg, icoFromPngs, templateSvg } from './icons'

const OUT = resolve(import.meta.dirname, '../../build/tray')
const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64]

function png(svg: string, size: number): Uint8Array {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

await mkdir(join(OUT, 'svg'), { recursive: true })
for (const icon of TRAY_ICONS) {
  const colour = colourSvg(icon)
  const template = templateSvg(icon)
  await writeFile(join(OUT, 'svg', `${icon}.svg`), `${colour}\n`)
  await writeFile(join(OUT, 'svg', `${icon}Template.svg`), `${template}\n`)
  await writeFile(join(OUT, `${icon}.png`), png(colour, 16))
  await writeFile(join(OUT, `${icon}@2x.png`), png(colour, 32))
  await writeFile(join(OUT, `${icon}Template.png`), png(template, 16))
  await writeFile(join(OUT, `${icon}Template@2x.png`), png(template, 32))
  await writeFile(join(OUT, `${icon}.ico`), icoFromPngs(ICO_SIZES.map((size) => ({ size, png: png(colour, size) }))))
}
console.log(`${TRAY_ICONS.length} tray states written to ${OUT}`)
