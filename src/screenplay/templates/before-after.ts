import type { ScreenplayTemplate } from '../template.js'

// Problem, then solution: the same framing before and after, so the change reads at a glance.
export const beforeAfter: ScreenplayTemplate<'before-after'> = {
  id: 'before-after',
  label: 'Before / after',
  summary: 'The everyday problem first, then the difference the product makes.',
  // Before and after share one ordinary room, so the change is the only thing that moves.
  vocabulary: {
    room: [
      'in an ordinary home kitchen',
      'at a home work desk',
      'in a small apartment living room',
      'in a narrow entrance hallway at home',
    ],
  },
  // What the first two seconds say, in order of preference; the variation steps through them.
  hook: ['problem', 'question', 'number', 'point'],
  opening: {
    kind: 'before',
    priority: 100,
    hold: 2,
    ownLook: true,
    ideas: [
      {
        camera: 'static',
        prompt:
          'Locked-off medium shot {room} before the {product} arrives: cluttered, dim and a little frustrating, colour drained to a cool grey; a person ({audience}) sighs at the everyday hassle.',
      },
      {
        camera: 'handheld',
        prompt:
          'Restless handheld shot {room} before the {product} arrives: hands fumbling with the old way of doing things, flat overcast light, desaturated colour, a sense of friction.',
      },
      {
        camera: 'pan-left',
        prompt:
          '{Motion} pan-left across a scene {room} where nothing works yet: mess, wasted time, muted colour and harsh overhead light; the {product} is nowhere to be seen.',
      },
    ],
  },
  middle: [
    {
      kind: 'before',
      priority: 3,
      hold: 1,
      ownLook: true,
      ideas: [
        {
          camera: 'push-in',
          prompt:
            '{Motion} push-in on the detail of the problem {room}: tangled, worn or awkward, lit by cold flat light in greyed-out colour, so the frustration is felt.',
        },
        {
          camera: 'static',
          prompt:
            'Still close-up of a person ({audience}) checking the time and shaking their head, muted colour, the old routine clearly not working.',
        },
      ],
      captions: {
        en: ['Every. Single. Day.', 'It costs you time.'],
        'zh-CN': ['每天，都是这样。', '时间，就这样被浪费。'],
        'zh-HK': ['每天，都是這樣。', '時間，就這樣白白流走。'],
      },
    },
    {
      kind: 'reveal',
      priority: 6,
      hold: 1,
      transition: 'wipe',
      ideas: [
        {
          camera: 'push-in',
          prompt:
            'A hand places the {product} on {surface} in one decisive move, lit by {light}; a {motion} push-in as colour floods back into the scene.',
        },
        {
          camera: 'crane-down',
          prompt:
            '{Motion} crane-down onto the {product} arriving on {surface}, lit by {light}, the grey tones warming into full colour around it.',
        },
      ],
      captions: {
        en: ['Enter {product}.', 'Then came {product}.', 'Then, a better way.'],
        'zh-CN': ['{product}，登场。', '直到遇见{product}。', '然后，有了更好的办法。'],
        'zh-HK': ['{product}，登場。', '直至遇上{product}。', '然後，有了更好的方法。'],
      },
    },
    {
      kind: 'after',
      priority: 10,
      hold: 3,
      transition: 'wipe',
      ideas: [
        {
          camera: 'static',
          prompt:
            'Matching locked-off frame {room}, now with the {product} at the centre: the clutter is gone, light is bright and warm, colour restored; the same person ({audience}) relaxes and smiles.',
        },
        {
          camera: 'push-in',
          prompt:
            'The same framing {room} after the {product}: tidy, bright and calm, full rich colour; a {motion} push-in on the person ({audience}) using it with ease.',
        },
        {
          camera: 'pan-right',
          prompt:
            '{Motion} pan-right across the same scene {room}, now transformed by the {product}: order, warm light and vivid colour, everything effortless.',
        },
      ],
      captions: {
        en: ['After {product}.', 'Now, with {product}.', 'What a difference.'],
        'zh-CN': ['有了{product}，一切不同。', '现在，有{product}。', '差别，一目了然。'],
        'zh-HK': ['有了{product}，從此不同。', '現在，有{product}。', '分別，一目了然。'],
      },
    },
    {
      kind: 'feature',
      priority: 8,
      hold: 1,
      perSellingPoint: true,
      ideas: [
        {
          camera: 'push-in',
          prompt:
            "Split-screen comparison: the left half muted and grey showing the old way, the right half vivid with the {product} delivering '{point}'; a {motion} push-in on the right side.",
        },
        {
          camera: 'macro-slide',
          prompt:
            "{Motion} macro slide across the {product} on {surface}, lit by {light}, arriving on the detail that makes '{point}' possible.",
        },
        {
          camera: 'tracking',
          prompt:
            "{Motion} tracking shot of hands using the {product} {room}, the result showing '{point}' in full colour.",
        },
      ],
      captions: {
        en: ['{point}'],
        'zh-CN': ['{point}', '改变在于：{point}', '亮点：{point}', '从此不同：{point}'],
        'zh-HK': ['{point}', '改變在於：{point}', '亮點：{point}', '從此不同：{point}'],
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
            'Macro slide over the finish of the {product}, lit by {light}, the crisp detail standing in sharp contrast to the grey opening.',
        },
        {
          camera: 'static',
          prompt:
            'Still close-up of the {product} on {surface}, lit by {light}, a slow sweep of light revealing its texture.',
        },
      ],
      captions: {
        en: ['Small change, big difference.', 'Made to make it easy.'],
        'zh-CN': ['小小改变，大大不同。', '让一切变简单。'],
        'zh-HK': ['小小改變，大大不同。', '一切變得更簡單。'],
      },
    },
    {
      kind: 'lifestyle',
      priority: 5,
      hold: 2,
      ideas: [
        {
          camera: 'tracking',
          prompt:
            '{Motion} tracking shot {place}: a person ({audience}) moving through the day with the {product}, unhurried and in control, warm full colour.',
        },
        {
          camera: 'pull-out',
          prompt:
            '{Motion} pull-out from the {product} to a calm, sunlit scene {place}, people ({audience}) enjoying the time it gave back.',
        },
      ],
      captions: {
        en: ['More time for what matters.', 'Made for {audience}.'],
        'zh-CN': ['把时间，留给重要的事。', '为{audience}而生。'],
        'zh-HK': ['把時間留給重要的事。', '專為{audience}而設。'],
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
          '{Motion} pull-out to a bright hero frame of the {product} on {surface}, lit by {light}, the scene fully transformed; it settles and holds with space for the call to action.',
      },
      {
        camera: 'static',
        prompt:
          'Locked-off closing frame: the {product} centred on {surface}, lit by {light}, in full warm colour, with open space for the call to action.',
      },
    ],
    captions: {
      en: ['Make the switch.', '{tagline}', 'Time to switch to {product}.'],
      'zh-CN': ['换个方式生活。', '{tagline}', '是时候换成{product}了。'],
      'zh-HK': ['換個方式生活。', '{tagline}', '是時候轉用{product}。'],
    },
  },
}
