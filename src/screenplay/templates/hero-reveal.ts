import type { ScreenplayTemplate } from '../template.js'
import { standardCloseCaptions } from './shared.js'

// Classic launch film: the product emerges from darkness, is shown whole, then proven detail by detail.
export const heroReveal: ScreenplayTemplate<'hero-reveal'> = {
  id: 'hero-reveal',
  label: 'Hero reveal',
  summary: 'The product emerges from shadow, then shows what makes it special.',
  // What the first two seconds say, in order of preference; the variation steps through them.
  hook: ['point', 'number', 'question', 'problem'],
  opening: {
    kind: 'opening',
    priority: 100,
    hold: 3,
    ideas: [
      {
        camera: 'push-in',
        prompt:
          '{Motion} push-in from near-darkness toward the {product} resting on {surface}. The light builds until it is lit by {light}, revealing the silhouette edge by edge.',
      },
      {
        camera: 'crane-down',
        prompt:
          '{Motion} crane-down from high above through a thin drifting haze to find the {product} waiting on {surface}, lit by {light}. Its outline emerges from shadow before the full form resolves.',
      },
      {
        camera: 'dolly-right',
        prompt:
          '{Motion} lateral dolly along {surface}: the {product} slides into frame from behind a dark foreground edge, lit by {light}, the first highlight catching its contour.',
      },
      {
        camera: 'tilt-up',
        prompt:
          '{Motion} tilt-up from the reflection of the {product} on {surface} to the product itself, lit by {light}, as a thin band of light sweeps across its face.',
      },
    ],
  },
  middle: [
    {
      kind: 'reveal',
      priority: 9,
      hold: 3,
      ideas: [
        {
          camera: 'orbit',
          prompt:
            '{Motion} half orbit around the {product} on {surface}, lit by {light}; reflections glide across its surfaces as it turns to face the camera in its full form.',
        },
        {
          camera: 'pull-out',
          prompt:
            '{Motion} pull-out from a tight crop to the whole {product} standing centre frame on {surface}, lit by {light}, clean negative space opening up around it.',
        },
        {
          camera: 'static',
          prompt:
            'Locked-off hero frame of the {product} on {surface} as the light rises from silhouette to full exposure, lit by {light}; a faint haze catches the beam.',
        },
      ],
      captions: {
        en: ['{tagline}', 'Every line, considered.', 'Worth a closer look.'],
        'zh-CN': ['{tagline}', '每一处线条，都经过推敲。', '值得细看。'],
        'zh-HK': ['{tagline}', '每一條線條，都經過推敲。', '值得細看。'],
      },
    },
    {
      kind: 'feature',
      priority: 7,
      hold: 1,
      perSellingPoint: true,
      ideas: [
        {
          camera: 'macro-slide',
          prompt:
            "{Motion} macro slide across the {product} with a shallow depth of field, focus travelling to the detail that proves one promise: '{point}'. Lit by {light}, on {surface}.",
        },
        {
          camera: 'push-in',
          prompt:
            "{Motion} push-in on the part of the {product} that delivers '{point}', the rest of the frame falling into soft shadow; lit by {light}.",
        },
        {
          camera: 'dolly-left',
          prompt:
            "{Motion} dolly-left past the {product} on {surface}, a streak of light sweeping over it to underline '{point}'; lit by {light}.",
        },
        {
          camera: 'tilt-down',
          prompt:
            "{Motion} tilt-down along the {product}, pausing where the design shows '{point}'; crisp detail, lit by {light}.",
        },
      ],
      captions: {
        en: ['{point}'],
        'zh-CN': ['{point}', '亮点：{point}', '核心优势：{point}', '细节见真章：{point}'],
        'zh-HK': ['{point}', '亮點：{point}', '核心優勢：{point}', '細節見真章：{point}'],
      },
    },
    {
      kind: 'detail',
      priority: 5,
      hold: 1,
      ideas: [
        {
          camera: 'macro-slide',
          prompt:
            'Extreme close-up macro slide over the materials of the {product}: texture, seams and finish in razor-sharp detail, lit by {light}, the background melting into bokeh.',
        },
        {
          camera: 'static',
          prompt:
            'Still macro frame on the finest detail of the {product}; a slow shift of light across the surface reveals its texture, lit by {light}.',
        },
        {
          camera: 'tracking',
          prompt:
            '{Motion} tracking shot hugging the contour of the {product} a few centimetres away, highlights rolling along its edges, lit by {light}.',
        },
      ],
      captions: {
        en: ['Look closer.', 'Details that matter.', 'Every detail, on purpose.'],
        'zh-CN': ['细看，更见用心。', '细节，决定品质。', '每一处细节，都有用意。'],
        'zh-HK': ['細看，更見心思。', '細節，決定品質。', '每個細節，都有用意。'],
      },
    },
    {
      kind: 'lifestyle',
      priority: 4,
      hold: 3,
      ideas: [
        {
          camera: 'handheld',
          prompt:
            'Softly handheld shot {place}: one of the people it is made for ({audience}) reaches for the {product} and uses it naturally, face mostly out of frame, shallow depth of field.',
        },
        {
          camera: 'dolly-right',
          prompt:
            '{Motion} dolly-right {place}, revealing the {product} in use by one of the people it is made for ({audience}), relaxed and unposed, the product kept sharp.',
        },
        {
          camera: 'pull-out',
          prompt:
            "{Motion} pull-out from the {product} in someone's hands to the room around them, {place}; the person ({audience}) glances down at it with a small smile.",
        },
      ],
      captions: {
        en: ['Made for {audience}.', 'Ready for your every day.', 'Right where it belongs.'],
        'zh-CN': ['为{audience}而生。', '融入你的每一天。', '本该如此自然。'],
        'zh-HK': ['專為{audience}而設。', '融入你的每一天。', '本該如此自然。'],
      },
    },
    {
      kind: 'overview',
      priority: 3,
      hold: 2,
      ideas: [
        {
          camera: 'orbit',
          prompt:
            '{Motion} full orbit around the {product} on {surface}, lit by {light}; the background drops to black so only its shape and highlights remain.',
        },
        {
          camera: 'crane-up',
          prompt:
            '{Motion} crane-up from table height to a three-quarter top view of the {product} on {surface}, lit by {light}, its proportions reading clearly.',
        },
      ],
      captions: {
        en: ['Designed from every angle.', 'Nothing out of place.'],
        'zh-CN': ['每个角度，都经得起端详。', '恰到好处，无可挑剔。'],
        'zh-HK': ['每個角度，都經得起細看。', '恰到好處，無可挑剔。'],
      },
    },
  ],
  close: {
    kind: 'close',
    priority: 100,
    hold: 2,
    ideas: [
      {
        camera: 'pull-out',
        prompt:
          '{Motion} pull-out to a final hero frame: the {product} centred on {surface}, lit by {light}, a soft halo behind it; the camera settles and holds, leaving clear space for the call to action.',
      },
      {
        camera: 'static',
        prompt:
          'Locked-off end frame of the {product} on {surface}, lit by {light}; a last glint travels across it, then everything holds still with open space for the call to action.',
      },
      {
        camera: 'crane-up',
        prompt:
          '{Motion} crane-up and away from the {product} on {surface}, lit by {light}, ending on a calm, symmetrical composition with generous space above for the call to action.',
      },
    ],
    captions: standardCloseCaptions,
  },
}
