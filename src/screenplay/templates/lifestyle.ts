import type { ScreenplayTemplate } from '../template.js'
import { standardCloseCaptions } from './shared.js'

// The product in real life: people and places first, studio light only for the product's close-ups.
export const lifestyle: ScreenplayTemplate<'lifestyle'> = {
  id: 'lifestyle',
  label: 'Lifestyle',
  summary: 'The product in everyday life, with the people it is made for.',
  // What the first two seconds say, in order of preference; the variation steps through them.
  hook: ['problem', 'question', 'point', 'number'],
  opening: {
    kind: 'opening',
    priority: 100,
    hold: 3,
    ideas: [
      {
        camera: 'crane-down',
        prompt:
          '{Motion} crane-down through a wide view {place}, settling on the {product} where it naturally lives in the scene, lived-in details softly blurred around it.',
      },
      {
        camera: 'dolly-right',
        prompt:
          '{Motion} dolly-right {place}, past everyday objects in the soft foreground, until the {product} comes into view and the camera eases to a stop on it.',
      },
      {
        camera: 'static',
        prompt:
          'Wide locked-off establishing shot {place}; the {product} sits in the scene catching the light while life moves gently around it.',
      },
    ],
  },
  middle: [
    {
      kind: 'lifestyle',
      priority: 10,
      hold: 3,
      ideas: [
        {
          camera: 'handheld',
          prompt:
            'Intimate handheld shot {place}: one of the people it is made for ({audience}) picks up the {product} and uses it without a second thought; hands and product in sharp focus, shallow depth of field.',
        },
        {
          camera: 'tracking',
          prompt:
            '{Motion} tracking shot following a person ({audience}) as they carry the {product} through their routine {place}, the product always readable in frame.',
        },
        {
          camera: 'push-in',
          prompt:
            '{Motion} push-in on a person ({audience}) enjoying the {product} {place}, a small, genuine smile, the product crisp in the foreground.',
        },
      ],
      captions: {
        en: ['Made for {audience}.', 'Fits right into your day.', 'Made to be used, every day.'],
        'zh-CN': ['为{audience}而生。', '自然融入你的一天。', '天天用，天天爱。'],
        'zh-HK': ['專為{audience}而設。', '自然融入你的一天。', '天天用，天天愛。'],
      },
    },
    {
      kind: 'feature',
      priority: 7,
      hold: 1,
      perSellingPoint: true,
      ideas: [
        {
          camera: 'handheld',
          prompt:
            "Over-the-shoulder close-up {place} as the {product} shows '{point}' in everyday use, natural movement, the product in crisp focus.",
        },
        {
          camera: 'push-in',
          prompt:
            "{Motion} push-in on hands using the {product}, the moment making '{point}' obvious without a word; soft ambient light, shallow depth of field.",
        },
        {
          camera: 'top-down',
          prompt:
            "Top-down shot of the {product} in use on a table {place}, hands moving in and out of frame to show '{point}'.",
        },
      ],
      captions: {
        en: ['{point}'],
        'zh-CN': ['{point}', '亮点：{point}', '生活里的好：{point}', '用了就知道：{point}'],
        'zh-HK': ['{point}', '亮點：{point}', '生活中的好：{point}', '用過就知：{point}'],
      },
    },
    {
      kind: 'lifestyle',
      priority: 6,
      hold: 2,
      ideas: [
        {
          camera: 'dolly-left',
          prompt:
            '{Motion} dolly-left across a shared moment {place}: friends ({audience}) laughing together, the {product} passed between them and kept sharp.',
        },
        {
          camera: 'pull-out',
          prompt:
            "{Motion} pull-out from the {product} in someone's hands to reveal the whole moment {place}, people ({audience}) relaxed and at ease.",
        },
      ],
      captions: {
        en: ['Better together.', 'Moments worth sharing.'],
        'zh-CN': ['一起，更美好。', '值得分享的每一刻。'],
        'zh-HK': ['一起，更美好。', '值得分享的每一刻。'],
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
            'Close-up slide across the {product} resting {place}, natural light catching its texture and finish, the room falling into warm bokeh behind it.',
        },
        {
          camera: 'static',
          prompt:
            'Still close-up of the {product} {place}, a hand resting beside it, light slowly shifting across its surface.',
        },
      ],
      captions: {
        en: ['The little things count.', 'Made with care.'],
        'zh-CN': ['小细节，大不同。', '用心，看得见。'],
        'zh-HK': ['小細節，大不同。', '心思，看得見。'],
      },
    },
    {
      kind: 'overview',
      priority: 3,
      hold: 2,
      ideas: [
        {
          camera: 'static',
          prompt:
            'Still-life vignette of the {product} on {surface}, lit by {light}, styled with a few everyday objects that hint at the life around it.',
        },
        {
          camera: 'orbit',
          prompt: '{Motion} slow orbit around the {product} on {surface}, lit by {light}, a quiet pause in the story.',
        },
      ],
      captions: {
        en: ['Simple, honest, yours.', 'Good things, made simple.'],
        'zh-CN': ['简单，真实，属于你。', '好东西，就该简单。'],
        'zh-HK': ['簡單，真實，屬於你。', '好東西，本該簡單。'],
      },
    },
    {
      kind: 'lifestyle',
      priority: 2,
      hold: 2,
      ideas: [
        {
          camera: 'tracking',
          prompt:
            '{Motion} tracking shot as a person ({audience}) heads out the door {place}, the {product} coming along, the day ahead bright.',
        },
        {
          camera: 'crane-up',
          prompt:
            '{Motion} crane-up from the {product} on a table {place} to the people around it, a relaxed end-of-day feeling.',
        },
      ],
      captions: {
        en: ['Wherever the day takes you.', 'From morning to night.'],
        'zh-CN': ['无论去哪，都有它陪伴。', '从清晨，到夜晚。'],
        'zh-HK': ['無論去到哪裏，都有它相伴。', '由清晨，到夜晚。'],
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
          '{Motion} pull-out from the {product} {place} to a calm wide frame, the light at its most beautiful; the move settles and holds with clear space for the call to action.',
      },
      {
        camera: 'static',
        prompt:
          'Locked-off final frame: the {product} on {surface}, lit by {light}, centred and still, with open space for the call to action.',
      },
    ],
    captions: standardCloseCaptions,
  },
}
