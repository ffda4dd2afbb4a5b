import type { Operator } from './privacy.js'

// The privacy policy in Traditional Chinese (Hong Kong): privacy.tsx's English, section by section
// and promise by promise. The English text governs (EnglishGoverns says so atop the page); change
// both together.
export function PrivacyZhHK({ operator, href }: { operator: Operator; href: (path: string) => string }) {
  const mail = `mailto:${operator.contactEmail}`
  return (
    <article class="card prose">
      <h1>私隱政策</h1>
      <p class="muted">最後更新：2026年5月12日 · 營運者：{operator.name}</p>

      <h2>1. 我們保存甚麼資料</h2>
      <p>你建立帳戶時，我們只會保存：</p>
      <ul>
        <li>
          <strong>你的電郵地址</strong>
          ，用於識別你的帳戶及發送事務通知：確認你電郵地址的連結、重設密碼，以及保安通知（密碼或電郵已更改、新的 API
          密鑰或 Webhook、登入已暫停、帳戶已刪除）。
        </li>
        <li>
          <strong>你的密碼</strong>，以加入隨機鹽值的單向 scrypt 雜湊形式保存。我們從不查看，也從不保存密碼本身。
        </li>
        <li>
          <strong>你的 API 密鑰</strong>，在你確認電郵時自動為你建立，用於驗證 API 調用。我們只保存它的指紋（SHA-256
          雜湊）和開首幾個字元，因此能向你顯示哪個密鑰正在使用，卻永遠無法還原密鑰本身。登入 Cookie
          和電郵中的連結亦以同樣方式保存：只保存雜湊。
        </li>
        <li>
          <strong>使用記錄</strong>
          ：你製作的每段影片的時間和技術細節（影片、鏡頭數目、長度、模型），用於執行你計劃的每月配額及計費。
        </li>
        <li>
          <strong>你的簡報和上載的圖片</strong>
          ，即你提交的輸入內容，以便我們執行處理流程並保存你的作品。圖片在上載時會重新編碼，其元數據（包括任何 GPS
          位置資料）亦隨之刪除。
        </li>
      </ul>
      <p>
        我們不會保存你的 IP
        地址、瀏覽器的用戶代理標識或任何追蹤識別碼。登入和登記的次數限制只在記憶體中計算，並於一小時內清除。等待發送的電郵在發出前會保存你的電郵地址；發出之後，我們只保留每天發出了多少封電郵。
      </p>

      <h2>2. 你的資料存放在哪裏</h2>
      <p>
        你的資料及其備份存放於由 {operator.hostingProvider} 託管、位於 {operator.dataRegion}{' '}
        的伺服器上。我們不會把資料轉移至中國內地、歐盟或美國。如你從這些地區使用 Lumina.AI，你的資料會跨境傳送以作處理。
      </p>

      <h2>3. 我們絕不做的事</h2>
      <ul>
        <li>我們不會向任何人出售你的資料。</li>
        <li>我們不運行廣告或分析追蹤器。</li>
        <li>我們不會用你的簡報訓練 AI 模型。</li>
      </ul>

      <h2>4. 我們傳送資料的唯一服務</h2>
      <p>
        為了渲染影片，Lumina.AI 只調用一項外部服務：<strong>LibTV</strong>
        （liblib.tv），一家圖像轉影片服務供應商。每個鏡頭，我們會傳送你的產品圖片和該鏡頭的提示詞，LibTV
        則傳回一段影片。我們從不傳送你的電郵或任何帳戶識別資料。LibTV 收到的內容受 LibTV 自己的私隱政策規管。
      </p>
      <p>
        分鏡劇本，即根據你的簡報寫出的各鏡頭提示詞，完全在我們的伺服器上由確定性的範本引擎產生。這一步不會調用任何 AI
        模型，亦沒有任何資料離開我們的伺服器。
      </p>

      <h2>5. 你的權利</h2>
      <ul>
        <li>
          <strong>查閱</strong>：登入並打開你的<a href={href('/account')}>帳戶頁面</a>，即可查看你的個人資料、使用情況和
          API 密鑰。
        </li>
        <li>
          <strong>刪除</strong>
          ：在帳戶頁面刪除你的帳戶。你的電郵、密碼雜湊、API
          密鑰、使用記錄、簡報、圖片和影片會即時從運作中的系統刪除，任何進行中的渲染亦會停止。任何備份的保留期都不超過
          30 天，而且還原備份絕不會令已刪除的帳戶重現：因此 30
          天內，你的資料亦會從我們的備份中消失。刪除完成後，我們會發出最後一封電郵通知你。
        </li>
        <li>
          <strong>更正</strong>
          ：你可以在帳戶頁面自行更改電郵（我們會向新地址發送連結，並通知舊地址），亦可以<a href={mail}>聯絡我們</a>。
        </li>
        <li>
          <strong>匯出</strong>：隨時在帳戶頁面下載所有內容：一個 ZIP 檔案，內含一個 JSON
          檔案（列出我們保存的與你有關的每一項記錄）、你的相片和你已完成的影片。你亦可以向我們提出要求，我們會在 30
          天內發送給你。
        </li>
      </ul>

      <h2>6. Cookie</h2>
      <p>
        我們只使用一個功能性 Cookie，即 <code>lum_api_key</code>
        ，用於保持你的登入狀態。它保存一個隨機的登入權杖，只會傳送至本網站，而且不能被程式碼讀取。我們不使用任何追蹤
        Cookie、第三方 Cookie 或分析 Cookie。
      </p>

      <h2>7. 保安</h2>
      <p>
        所有傳往 {operator.domain} 的流量都只使用 HTTPS，並強制啟用 HSTS。密碼以 scrypt
        進行雜湊處理。登入和登記設有次數限制，每個頁面都附有嚴格的內容保安政策，伺服器在容器中以非超級用戶身份運行。備份每天進行；營運者設定儲存桶後，資料庫亦會持續複製至異地，你的檔案亦會在每次每日備份後複製到那裏。超過
        30 天的異地副本會被刪除。
      </p>

      <h2>8. 兒童</h2>
      <p>Lumina.AI 並非以 13 歲以下兒童為對象，我們亦不會在知情的情況下收集任何未滿 13 歲人士的資料。</p>

      <h2>9. 修訂</h2>
      <p>
        如我們對本政策作出重大修訂，我們會以電郵通知每個電郵地址已確認的帳戶，因為電郵是我們聯絡你的唯一途徑。修訂後繼續使用
        Lumina.AI，即表示你接受有關修訂。
      </p>

      <h2>10. 聯絡我們</h2>
      <p>
        如有任何私隱問題，或要行使你的權利，請電郵至 <a href={mail}>{operator.contactEmail}</a>。
      </p>
      <p>
        <a href={href('/')}>← 返回 Lumina.AI</a>
      </p>
    </article>
  )
}
