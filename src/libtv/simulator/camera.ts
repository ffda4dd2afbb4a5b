/** The camera move a shot's wording asks for, as a Kling render would roughly follow it. */
export type CameraMove = 'push_in' | 'pull_out' | 'pan_left' | 'pan_right' | 'orbit' | 'drift'

const MOVES: Array<[CameraMove, RegExp]> = [
  ['push_in', /push(?:es|ing)?[ -]in|zoom(?:s|ing)?[ -]in|dolly[ -]in|close[ -]up|推近|推进|拉近/i],
  ['pull_out', /pull(?:s|ing)?[ -](?:out|back)|zoom(?:s|ing)?[ -]out|dolly[ -]out|拉远|后退/i],
  ['pan_left', /pan(?:s|ning)?[ -](?:to the )?left|向左/i],
  ['pan_right', /pan(?:s|ning)?[ -](?:to the )?right|向右/i],
  ['orbit', /orbit|circl(?:e|es|ing) around|arc(?:s|ing)? around|360|环绕/i],
]

/** The first move named in the prompt wins; a prompt naming none gets a gentle drift. */
export function cameraMoveFor(prompt: string): CameraMove {
  let best: { move: CameraMove; at: number } | null = null
  for (const [move, pattern] of MOVES) {
    const at = prompt.search(pattern)
    if (at >= 0 && (best === null || at < best.at)) best = { move, at }
  }
  return best?.move ?? 'drift'
}

/**
 * zoompan expressions for a move over N frames (`on` is the output frame number). The
 * source is pre-scaled to twice the output size so the sub-pixel motion does not judder.
 */
export function zoompanFor(move: CameraMove, frames: number): { z: string; x: string; y: string } {
  const t = `on/${frames}`
  const centreX = 'iw/2-(iw/zoom/2)'
  const centreY = 'ih/2-(ih/zoom/2)'
  switch (move) {
    case 'push_in':
      return { z: `1+0.3*${t}`, x: centreX, y: centreY }
    case 'pull_out':
      return { z: `1.3-0.3*${t}`, x: centreX, y: centreY }
    case 'pan_left': // the frame travels from the right edge to the left edge
      return { z: '1.2', x: `(iw-iw/zoom)*(1-${t})`, y: centreY }
    case 'pan_right':
      return { z: '1.2', x: `(iw-iw/zoom)*${t}`, y: centreY }
    case 'orbit': // a zoom that breathes while the frame sways sideways
      return { z: `1.15+0.1*sin(PI*${t})`, x: `(iw-iw/zoom)*(0.5+0.4*sin(2*PI*${t}))`, y: centreY }
    case 'drift':
      return { z: `1+0.08*${t}`, x: centreX, y: centreY }
  }
}
