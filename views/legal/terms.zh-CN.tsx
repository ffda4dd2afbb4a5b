import type { Operator } from './privacy.js'

// The terms in Simplified Chinese: terms.tsx's English, section by section. The English text
// governs (EnglishGoverns says so atop the page); change both together.
export function TermsZhCN({ operator }: { operator: Operator }) {
  return (
    <article class="card prose">
      <h1>服务条款</h1>
      <p class="muted">最后更新：2026年12月5日 · 运营方：{operator.name}</p>

      <h2>1. 服务</h2>
      <p>
        Lumina.AI
        把产品简报和产品照片制作成一段简短的营销视频。分镜脚本在我们的服务器上编写；每个镜头由我们的视频服务提供商 LibTV
        渲染，各个片段再拼接成一段可供你下载的视频。
      </p>

      <h2>2. 你的账号</h2>
      <p>
        你必须年满 13 岁才能使用 Lumina.AI。请对你的密码和 API 密钥保密：任何持有你 API
        密钥的人都可以使用你的每月配额。如果你认为密钥已经泄露，请在账号页面更换密钥。
      </p>

      <h2>3. 你的内容</h2>
      <p>
        你保留对你的简报、图片和视频的全部权利。你仅授予我们存储这些内容、并将每张图片和每个镜头的提示词发送给 LibTV
        以渲染你的视频所需的许可。请只上传你有权使用的图片，不得上传任何违法、仇恨或色情内容：视频服务提供商会拒绝此类内容，我们也可能拒绝。
      </p>

      <h2>4. 套餐和配额</h2>
      <p>
        每个套餐包含每个自然月（按协调世界时计算）一定数量的视频。视频在你开始渲染时即计入配额。渲染失败的视频不计入，除非我们的视频服务提供商已经为其中的工作收费：例如其内容审核拒绝了一个已经渲染好的片段，或者一个镜头失败时其他镜头已经在渲染中。失败视频的页面会说明它是否计入。在我们的视频服务提供商开始处理其中任何一个镜头之前，取消是免费的；此后视频仍会计入，因为服务提供商已经为这项工作收费，“取消”按钮会在你确认之前说明这一点。未用完的视频数量不会累积到下个月。
      </p>

      <h2>5. 服务可用性</h2>
      <p>
        我们会尽力保持服务正常运行并确保你的作品安全，每天进行备份，但我们按“现状”提供服务，不保证服务始终可用，也不保证每次渲染都能成功。
      </p>

      <h2>6. 终止</h2>
      <p>你可以随时在账号页面删除你的账号。对于滥用服务的账号，我们可能会在通过邮件告诉你原因之后暂停该账号。</p>

      <h2>7. 联系我们</h2>
      <p>
        如有疑问，请联系：<a href={`mailto:${operator.contactEmail}`}>{operator.contactEmail}</a>。
      </p>
    </article>
  )
}
