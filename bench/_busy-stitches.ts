// Used by bench/http.ts: stitches three 30-second 720×1280 videos from the clips in the folder
// given, at once, in a process of its own (as the render worker would, away from the measuring
// client), and exits when all three are done.
import path from 'node:path'
import type { Transition } from '../src/render/stitch/index.js'
import { stitchVideo } from '../src/render/stitch/index.js'

const dir = process.argv[2] as string
const transitions: Transition[] = ['cut', 'fade', 'dissolve', 'slide', 'cut', 'dissolve']
await Promise.all(
  [0, 1, 2].map((n) =>
    stitchVideo({
      clips: transitions.map((transition, i) => ({
        path: path.join(dir, `clip-${i}.mp4`),
        caption: `Shot ${i + 1}: a lamp that follows the sun`,
        transition,
      })),
      endCard: { title: 'Lumi Lamp Pro', callToAction: 'Shop now', brandColor: '#1D3557' },
      aspectRatio: '9:16',
      language: 'en',
      outputPath: path.join(dir, `out-${n}/video.mp4`),
      posterPath: path.join(dir, `out-${n}/poster.jpg`),
    }),
  ),
)
