import type { ScreenplayTemplate } from '../template.js'

// The pleasure of opening the box: anticipation, the lid, the first lift into the light, then first use.
export const unboxing: ScreenplayTemplate<'unboxing'> = {
  id: 'unboxing',
  label: 'Unboxing',
  summary: 'Anticipation, the lid, the first look and the first use.',
  vocabulary: {
    box: [
      'a matte kraft box tied with a cotton ribbon',
      'a rigid black gift box with a magnetic lid',
      'a soft-touch white box with a debossed lid',
    ],
    wrap: ['crisp white tissue paper', 'a fold of silky paper', 'a recycled-paper sleeve'],
  },
  // What the first two seconds say, in order of preference; the variation steps through them.
  hook: ['question', 'point', 'number', 'problem'],
  opening: {
    kind: 'opening',
    priority: 100,
    hold: 2,
    ideas: [
      {
        camera: 'push-in',
        prompt:
          '{Motion} push-in on {box} resting on {surface}, lit by {light}; two hands enter the frame and rest on the lid for a beat of anticipation.',
      },
      {
        camera: 'top-down',
        prompt:
          'Top-down shot of {box} on {surface}, lit by {light}; two hands slide it to the centre of the frame and untie it.',
      },
      {
        camera: 'crane-down',
        prompt:
          '{Motion} crane-down onto {box} waiting on {surface}, lit by {light}, the camera settling just as a hand reaches in to open it.',
      },
    ],
  },
  middle: [
    {
      kind: 'unboxing',
      priority: 8,
      hold: 2,
      ideas: [
        {
          camera: 'push-in',
          prompt:
            'Close-up as the lid of {box} lifts slowly, {wrap} folding open to reveal the {product} nested inside; lit by {light}, a {motion} push-in into the box.',
        },
        {
          camera: 'top-down',
          prompt:
            'Top-down shot looking into the open box: hands part {wrap} and the {product} appears, perfectly seated, lit by {light}.',
        },
      ],
      captions: {
        en: ['First look.', 'Lift the lid.', 'Unwrapped with care.'],
        'zh-CN': ['第一眼，就心动。', '轻轻掀开盒盖。', '用心包装，只为此刻。'],
        'zh-HK': ['第一眼，已心動。', '輕輕揭開盒蓋。', '用心包裝，只為此刻。'],
      },
    },
    {
      kind: 'reveal',
      priority: 10,
      hold: 2,
      ideas: [
        {
          camera: 'tilt-up',
          prompt:
            '{Motion} tilt-up following the {product} as hands lift it out of the box into the light, turning it gently to catch a highlight; lit by {light}.',
        },
        {
          camera: 'orbit',
          prompt:
            '{Motion} half orbit around hands holding the freshly unboxed {product} above {surface}, lit by {light}, every surface still pristine.',
        },
        {
          camera: 'pull-out',
          prompt:
            '{Motion} pull-out as the {product} is set down beside its open box on {surface}, lit by {light}, standing proud for the first time.',
        },
      ],
      captions: {
        en: ['Worth the wait.', 'Here it is: {product}.', '{tagline}'],
        'zh-CN': ['值得等待。', '{product}，就是它。', '{tagline}'],
        'zh-HK': ['值得等待。', '{product}，就是它。', '{tagline}'],
      },
    },
    {
      kind: 'overview',
      priority: 5,
      hold: 1,
      ideas: [
        {
          camera: 'top-down',
          prompt:
            'Top-down flat-lay of everything from the box arranged neatly on {surface}: the {product} at the centre, its accessories and {wrap} around it, lit by {light}.',
        },
        {
          camera: 'pan-right',
          prompt:
            '{Motion} pan-right across the contents of the box lined up on {surface}, ending on the {product}; lit by {light}.',
        },
      ],
      captions: {
        en: ['Everything in one box.', 'Ready out of the box.'],
        'zh-CN': ['开箱即用，一应俱全。', '拆开即可上手。'],
        'zh-HK': ['開箱即用，一應俱全。', '拆開即可上手。'],
      },
    },
    {
      kind: 'feature',
      priority: 7,
      hold: 1,
      perSellingPoint: true,
      ideas: [
        {
          camera: 'push-in',
          prompt:
            "{Motion} push-in as fingers explore the {product} for the first time and discover '{point}'; lit by {light}, on {surface}.",
        },
        {
          camera: 'macro-slide',
          prompt:
            "Macro slide over the brand-new {product}, lit by {light}, settling on the detail that delivers '{point}'.",
        },
        {
          camera: 'tracking',
          prompt:
            "{Motion} tracking close-up of hands trying the {product} straight out of the box, showing '{point}'; lit by {light}.",
        },
      ],
      captions: {
        en: ['{point}'],
        'zh-CN': ['{point}', '亮点：{point}', '上手就发现：{point}', '惊喜在于：{point}'],
        'zh-HK': ['{point}', '亮點：{point}', '一用就發現：{point}', '驚喜在於：{point}'],
      },
    },
    {
      kind: 'detail',
      priority: 4,
      hold: 1,
      ideas: [
        {
          camera: 'macro-slide',
          prompt:
            'Extreme close-up slide across the untouched finish of the {product}, lit by {light}, every edge and texture crisp, {wrap} soft in the background.',
        },
        {
          camera: 'static',
          prompt:
            'Still close-up of the {product} resting in its open box, lit by {light}; light slowly travels across its surface.',
        },
      ],
      captions: {
        en: ['Look closer.', 'Made with care.'],
        'zh-CN': ['细看，更见用心。', '用心，看得见。'],
        'zh-HK': ['細看，更見心思。', '心思，看得見。'],
      },
    },
    {
      kind: 'lifestyle',
      priority: 6,
      hold: 2,
      ideas: [
        {
          camera: 'handheld',
          prompt:
            'First use {place}: one of the people it is made for ({audience}) tries the {product} for the first time, a small moment of delight, hands and product sharp.',
        },
        {
          camera: 'dolly-right',
          prompt:
            '{Motion} dolly-right {place} as the empty box is set aside and the {product} is put straight to use by someone ({audience}).',
        },
      ],
      captions: {
        en: ['Made for {audience}.', 'From the box to your day.'],
        'zh-CN': ['为{audience}而生。', '从开箱，到每一天。'],
        'zh-HK': ['專為{audience}而設。', '由開箱，到每一天。'],
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
          '{Motion} pull-out to a final frame of the {product} standing beside its open box on {surface}, lit by {light}, holding still with space for the call to action.',
      },
      {
        camera: 'static',
        prompt:
          'Locked-off closing frame: the {product} centred on {surface} with the closed box behind it, lit by {light}, open space left for the call to action.',
      },
    ],
    captions: {
      en: ['{tagline}', 'Yours to unbox.'],
      'zh-CN': ['{tagline}', '开箱的惊喜，留给你。'],
      'zh-HK': ['{tagline}', '開箱的驚喜，留給你。'],
    },
  },
}
