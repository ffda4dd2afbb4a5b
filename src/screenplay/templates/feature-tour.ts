import type { ScreenplayTemplate } from '../template.js'
import { standardCloseCaptions } from './shared.js'

// A guided tour: one clear shot per selling point, framed by an establishing shot and a hero close.
export const featureTour: ScreenplayTemplate<'feature-tour'> = {
  id: 'feature-tour',
  label: 'Feature tour',
  summary: 'One clear shot for each selling point, like a guided tour.',
  // What the first two seconds say, in order of preference; the variation steps through them.
  hook: ['number', 'point', 'question', 'problem'],
  opening: {
    kind: 'opening',
    priority: 100,
    hold: 2,
    ideas: [
      {
        camera: 'orbit',
        prompt:
          '{Motion} quarter orbit around the {product} on {surface}, lit by {light}, establishing its whole shape before the tour begins.',
      },
      {
        camera: 'push-in',
        prompt:
          '{Motion} push-in on the {product} standing on {surface}, lit by {light}; the frame tightens until the product fills two-thirds of it.',
      },
      {
        camera: 'top-down',
        prompt:
          'Top-down shot of the {product} laid on {surface}, lit by {light}; the camera descends and rotates a few degrees, bringing it square to the frame.',
      },
    ],
  },
  middle: [
    {
      kind: 'overview',
      priority: 4,
      hold: 2,
      ideas: [
        {
          camera: 'orbit',
          prompt:
            '{Motion} 360-degree turn of the {product} on a slowly rotating pedestal over {surface}, lit by {light}, every side shown in one continuous move.',
        },
        {
          camera: 'pan-right',
          prompt:
            '{Motion} pan-right across the {product} and its parts laid out in a neat line on {surface}, lit by {light}, like an exploded diagram come to life.',
        },
      ],
      captions: {
        en: ['Every side, thought through.', 'One {product}, many talents.'],
        'zh-CN': ['每一面，都经过深思。', '一个{product}，多种可能。'],
        'zh-HK': ['每一面，都經過深思。', '一個{product}，多種可能。'],
      },
    },
    {
      kind: 'feature',
      priority: 9,
      hold: 2,
      perSellingPoint: true,
      ideas: [
        {
          camera: 'push-in',
          prompt:
            "{Motion} push-in to the part of the {product} that makes '{point}' true, lit by {light}; focus pulls onto it as the rest of the frame softens.",
        },
        {
          camera: 'macro-slide',
          prompt:
            "{Motion} macro slide along the {product} on {surface}, lit by {light}, the lens arriving on the detail behind '{point}' and resting there.",
        },
        {
          camera: 'tracking',
          prompt:
            "{Motion} tracking shot following a hand as it demonstrates '{point}' on the {product}, close framing, lit by {light}, on {surface}.",
        },
        {
          camera: 'dolly-left',
          prompt:
            "{Motion} dolly-left past the {product} as a sweep of light highlights '{point}', the product sharp against {surface}.",
        },
        {
          camera: 'tilt-up',
          prompt:
            "{Motion} tilt-up along the {product}, a clean band of light landing on what shows '{point}'; lit by {light}, on {surface}.",
        },
      ],
      captions: {
        en: ['{point}'],
        'zh-CN': ['{point}', '亮点：{point}', '核心优势：{point}', '一看就懂：{point}'],
        'zh-HK': ['{point}', '亮點：{point}', '核心優勢：{point}', '一看就明：{point}'],
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
            'Macro slide across the surface of the {product}, lit by {light}, showing material grain, edges and joins in crisp focus, background dissolving into soft bokeh.',
        },
        {
          camera: 'static',
          prompt:
            'Locked-off extreme close-up of the {product}, lit by {light}; a slow sweep of light moves across it and reveals the finish.',
        },
      ],
      captions: {
        en: ['Crafted down to the detail.', 'Details that matter.', 'Look closer.'],
        'zh-CN': ['每一个细节，都不将就。', '细节，决定品质。', '细看，更见用心。'],
        'zh-HK': ['每個細節，都不馬虎。', '細節，決定品質。', '細看，更見心思。'],
      },
    },
    {
      kind: 'lifestyle',
      priority: 7,
      hold: 2,
      ideas: [
        {
          camera: 'tracking',
          prompt:
            '{Motion} tracking shot {place}: one of the people it is made for ({audience}) uses the {product} in a real moment, hands and product in focus, face soft.',
        },
        {
          camera: 'handheld',
          prompt:
            'Gently handheld over-the-shoulder shot {place}, a person ({audience}) putting the {product} to work, the product crisp in the foreground.',
        },
      ],
      captions: {
        en: ['Made for {audience}.', 'Works the way you do.'],
        'zh-CN': ['为{audience}而生。', '懂你的节奏。'],
        'zh-HK': ['專為{audience}而設。', '配合你的節奏。'],
      },
    },
    {
      kind: 'detail',
      priority: 3,
      hold: 1,
      ideas: [
        {
          camera: 'static',
          prompt:
            'Scale shot: the {product} held in one open hand against {surface}, lit by {light}, the hand turning it slowly so its size and weight read at a glance.',
        },
        {
          camera: 'pull-out',
          prompt:
            '{Motion} pull-out from a tight detail to the {product} beside a few familiar everyday objects on {surface}, lit by {light}, so its size reads instantly.',
        },
      ],
      captions: {
        en: ['Sized just right.', 'Fits your life.'],
        'zh-CN': ['大小刚刚好。', '轻松融入生活。'],
        'zh-HK': ['大小剛剛好。', '輕鬆融入生活。'],
      },
    },
    {
      kind: 'overview',
      priority: 2,
      hold: 1,
      ideas: [
        {
          camera: 'crane-up',
          prompt:
            '{Motion} crane-up from the {product} on {surface} to a clean three-quarter view, lit by {light}, summing up everything shown so far.',
        },
        {
          camera: 'dolly-right',
          prompt:
            '{Motion} dolly-right revealing the {product} in a tidy arrangement on {surface}, lit by {light}, each part easy to read.',
        },
      ],
      captions: {
        en: ['All of it, in one.', 'Simple to use, every day.'],
        'zh-CN': ['全部实力，集于一身。', '上手简单，天天好用。'],
        'zh-HK': ['全部實力，集於一身。', '簡單易用，天天好用。'],
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
          '{Motion} pull-out to a clean hero frame of the {product} on {surface}, lit by {light}; the move eases to a stop and holds with clear space for the call to action.',
      },
      {
        camera: 'orbit',
        prompt:
          '{Motion} final quarter orbit that lands the {product} front-on, centred on {surface} and lit by {light}, then holds with room for the call to action.',
      },
      {
        camera: 'static',
        prompt:
          'Locked-off closing frame of the {product} on {surface}, lit by {light}, perfectly centred with open space for the call to action.',
      },
    ],
    captions: standardCloseCaptions,
  },
}
