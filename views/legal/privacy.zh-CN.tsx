import type { Operator } from './privacy.js'

// The privacy policy in Simplified Chinese: privacy.tsx's English, section by section and promise by
// promise. The English text governs (EnglishGoverns says so atop the page); change both together.
export function PrivacyZhCN({ operator, href }: { operator: Operator; href: (path: string) => string }) {
  const mail = `mailto:${operator.contactEmail}`
  return (
    <article class="card prose">
      <h1>隐私政策</h1>
      <p class="muted">最后更新：2026年5月12日 · 运营方：{operator.name}</p>

      <h2>1. 我们保存哪些数据</h2>
      <p>你创建账号时，我们只保存：</p>
      <ul>
        <li>
          <strong>你的邮箱地址</strong>
          ，用于识别你的账号并发送事务性通知：确认你邮箱地址的链接、密码重置，以及安全通知（密码或邮箱已更改、新的 API
          密钥或 Webhook、登录已暂停、账号已删除）。
        </li>
        <li>
          <strong>你的密码</strong>，以加随机盐的单向 scrypt 哈希形式保存。我们从不查看、也从不保存密码本身。
        </li>
        <li>
          <strong>你的 API 密钥</strong>，在你确认邮箱时自动为你创建，用于验证 API 调用。我们只保存它的指纹（SHA-256
          哈希）和开头几个字符，因此能向你显示哪个密钥正在使用，却永远无法还原出密钥本身。登录 Cookie
          和邮件中的链接也以同样方式保存：只保存哈希。
        </li>
        <li>
          <strong>使用记录</strong>
          ：你生成的每个视频的时间和技术细节（视频、镜头数、时长、模型），用于执行你套餐的每月配额以及计费。
        </li>
        <li>
          <strong>你的简报和上传的图片</strong>
          ，即你提交的输入内容，以便我们运行处理流程并保存你的作品。图片在上传时会重新编码，其元数据（包括任何 GPS
          位置信息）随之删除。
        </li>
      </ul>
      <p>
        我们不保存你的 IP
        地址、浏览器的用户代理标识或任何跟踪标识符。登录和注册的频率限制只在内存中计数，并在一小时内清除。等待发送的邮件在发出前会保存你的邮箱地址；发出之后，我们只保留每天发出了多少封邮件。
      </p>

      <h2>2. 你的数据存放在哪里</h2>
      <p>
        你的数据及其备份存储在由 {operator.hostingProvider} 托管、位于 {operator.dataRegion}{' '}
        的服务器上。我们不会将数据传输到中国大陆、欧盟或美国。如果你从这些地区使用
        Lumina.AI，你的数据会跨境传输以进行处理。
      </p>

      <h2>3. 我们绝不做的事</h2>
      <ul>
        <li>我们不会向任何人出售你的数据。</li>
        <li>我们不运行广告或分析跟踪器。</li>
        <li>我们不会用你的简报训练 AI 模型。</li>
      </ul>

      <h2>4. 我们发送数据的唯一服务</h2>
      <p>
        为了渲染视频，Lumina.AI 只调用一项外部服务：<strong>LibTV</strong>
        （liblib.tv），一家图生视频服务提供商。对于每个镜头，我们发送你的产品图片和该镜头的提示词，LibTV
        返回一段视频。我们从不发送你的邮箱或任何账号标识。LibTV 收到的内容适用 LibTV 自己的隐私政策。
      </p>
      <p>
        分镜脚本，即根据你的简报写出的各镜头提示词，完全在我们的服务器上由确定性的模板引擎生成。这一步不调用任何 AI
        模型，也没有任何数据离开我们的服务器。
      </p>

      <h2>5. 你的权利</h2>
      <ul>
        <li>
          <strong>查阅</strong>：登录并打开你的<a href={href('/account')}>账号页面</a>，即可查看你的个人资料、使用情况和
          API 密钥。
        </li>
        <li>
          <strong>删除</strong>
          ：在账号页面删除你的账号。你的邮箱、密码哈希、API
          密钥、使用记录、简报、图片和视频会立即从在线系统中删除，任何正在进行的渲染都会停止。任何备份的保留时间都不超过
          30 天，而且恢复备份绝不会让已删除的账号重新出现：因此 30
          天内，你的数据也会从我们的备份中消失。删除完成后，我们会发最后一封邮件告诉你。
        </li>
        <li>
          <strong>更正</strong>
          ：你可以在账号页面自行更改邮箱（我们会向新地址发送一个链接，并通知旧地址），也可以<a href={mail}>联系我们</a>
          。
        </li>
        <li>
          <strong>导出</strong>：随时在账号页面下载全部内容：一个 ZIP 文件，内含一个 JSON
          文件（列出我们保存的与你有关的每一条记录）、你的照片和你已完成的视频。你也可以向我们申请，我们会在 30
          天内发送给你。
        </li>
      </ul>

      <h2>6. Cookie</h2>
      <p>
        我们只使用一个功能性 Cookie，即 <code>lum_api_key</code>
        ，用于保持你的登录状态。它保存一个随机的登录令牌，只会发送到本网站，且无法被脚本读取。我们不使用任何跟踪
        Cookie、第三方 Cookie 或分析 Cookie。
      </p>

      <h2>7. 安全</h2>
      <p>
        所有发往 {operator.domain} 的流量都只使用 HTTPS，并强制启用 HSTS。密码使用 scrypt
        进行哈希处理。登录和注册设有频率限制，每个页面都附带严格的内容安全策略，服务器在容器中以非超级用户身份运行。备份每天进行；运营方配置存储桶后，数据库还会持续复制到异地，你的文件也会在每次每日备份后复制到那里。超过
        30 天的异地副本会被删除。
      </p>

      <h2>8. 儿童</h2>
      <p>Lumina.AI 不面向 13 岁以下的儿童，我们也不会在知情的情况下收集任何未满 13 岁人士的数据。</p>

      <h2>9. 变更</h2>
      <p>
        如果我们对本政策作出重大变更，我们会发邮件通知每个邮箱地址已确认的账号，因为邮件是我们联系你的唯一途径。变更后继续使用
        Lumina.AI，即表示你接受该变更。
      </p>

      <h2>10. 联系我们</h2>
      <p>
        如有任何隐私问题，或要行使你的权利，请发邮件至 <a href={mail}>{operator.contactEmail}</a>。
      </p>
      <p>
        <a href={href('/')}>← 返回 Lumina.AI</a>
      </p>
    </article>
  )
}
