import type { Operator } from './privacy.js'

// The terms in Traditional Chinese (Hong Kong): terms.tsx's English, section by section. The
// English text governs (EnglishGoverns says so atop the page); change both together.
export function TermsZhHK({ operator }: { operator: Operator }) {
  return (
    <article class="card prose">
      <h1>服務條款</h1>
      <p class="muted">最後更新：2026年12月5日 · 營運者：{operator.name}</p>

      <h2>1. 服務</h2>
      <p>
        Lumina.AI
        把產品簡報和產品相片製作成一段簡短的宣傳影片。分鏡劇本在我們的伺服器上編寫；每個鏡頭由我們的影片服務供應商 LibTV
        渲染，各個片段再拼接成一段可供你下載的影片。
      </p>

      <h2>2. 你的帳戶</h2>
      <p>
        你必須年滿 13 歲才可使用 Lumina.AI。請將你的密碼和 API 密鑰保密：任何持有你 API
        密鑰的人都可以使用你的每月配額。如你認為密鑰已經外洩，請在帳戶頁面更換密鑰。
      </p>

      <h2>3. 你的內容</h2>
      <p>
        你保留你的簡報、圖片和影片的所有權利。你只授予我們儲存這些內容，以及把每張圖片和每個鏡頭的提示詞傳送至 LibTV
        以渲染你的影片所需的許可。請只上載你有權使用的圖片，不得上載任何違法、仇恨或色情內容：影片服務供應商會拒絕此類內容，我們亦可能拒絕。
      </p>

      <h2>4. 計劃及配額</h2>
      <p>
        每個計劃包含每個曆月（按協調世界時計算）一定數量的影片。影片在你開始渲染時即計入配額。渲染失敗的影片不會計算在內，除非我們的影片服務供應商已就其中的工作收費：例如其內容審核拒絕了一個已渲染好的片段，或一個鏡頭失敗時其他鏡頭已在渲染中。失敗影片的頁面會說明它是否計算在內。在我們的影片服務供應商開始處理其中任何一個鏡頭之前，取消是免費的；此後影片仍會計算在內，因為服務供應商已就這項工作收費，「取消」按鈕會在你確認之前說明這一點。未用完的影片數量不會累積至下個月。
      </p>

      <h2>5. 服務可用性</h2>
      <p>
        我們會盡力維持服務運作並確保你的作品安全，每天進行備份，但我們按「現狀」提供服務，不保證服務一直可用，亦不保證每次渲染都能成功。
      </p>

      <h2>6. 終止</h2>
      <p>你可以隨時在帳戶頁面刪除你的帳戶。對於濫用服務的帳戶，我們可能會在以電郵告訴你原因之後暫停該帳戶。</p>

      <h2>7. 聯絡我們</h2>
      <p>
        如有疑問，請聯絡：<a href={`mailto:${operator.contactEmail}`}>{operator.contactEmail}</a>。
      </p>
    </article>
  )
}
