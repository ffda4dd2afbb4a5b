import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { Layout, type Viewer } from '../layout.js'

export type FieldView = { name: string; type: string; required: boolean; description?: string | undefined }
export type OperationView = {
  id: string
  method: string
  path: string
  tag: string
  summary: string
  description?: string | undefined
  params: FieldView[]
  body: { mediaType: string; fields: FieldView[] }[]
  responses: { status: string; description: string }[]
}
/** `title` is the problem's English identifier (what programs see); `description` is said in the page's language. */
export type ProblemTypeView = { slug: string; status: number; title: string; description: MessageKey }

export type ApiDocsProps = {
  viewer: Viewer
  baseUrl: string
  operations: OperationView[]
  problemTypes: ProblemTypeView[]
}

/** The two commands, word for word as in the README (a test keeps them the same and runs them). */
export const QUICK_START_COMMANDS = `ID=$(curl -sf -H "Authorization: Bearer $LUMINA_KEY" -H "Idempotency-Key: $(date +%s)-aura" \\
  -F image=@product.jpg -F "brief=<brief.json" "$LUMINA_URL/api/v1/videos" \\
  | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)

until curl -sf -H "Authorization: Bearer $LUMINA_KEY" "$LUMINA_URL/api/v1/videos/$ID" \\
  | grep -Eq '^\\{"id":"[^"]*","status":"(succeeded|failed|canceled)"'; do sleep 5; done \\
  && curl -sf -H "Authorization: Bearer $LUMINA_KEY" -o video.mp4 "$LUMINA_URL/api/v1/videos/$ID/file"`

const quickStart = (base: string) => `export LUMINA_URL=${base}
export LUMINA_KEY=lum_…   # your key: account page → Developers

# 1. Create: the photo and the brief in one call; the answer is the queued video.
# 2. Poll until it has succeeded, then download the MP4.
${QUICK_START_COMMANDS}`

const briefExample = `{
  "productName": "Aura X2 Headphones",
  "description": "Wireless over-ear headphones with adaptive noise cancelling.",
  "sellingPoints": ["40-hour battery life", "Folds flat"],
  "audience": "Commuters and frequent flyers",
  "callToAction": "Shop now",
  "lengthSeconds": 15
}`

/** The receiver's check, served on /docs/api (a test runs it as served). */
export const VERIFY_SAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto'

// header: the Lumina-Signature header; rawBody: the request body exactly as received.
// True only for our signature, made at most 5 minutes ago by your clock (and at most a minute
// ahead of it, for clocks that disagree a little): an older or a later one may be a replay.
export function verify(secret, header, rawBody) {
  const { t, v1 } = Object.fromEntries(String(header).split(',').map((part) => part.trim().split('=', 2)))
  if (!/^\\d{1,12}$/.test(t ?? '') || !/^[0-9a-f]{64}$/.test(v1 ?? '')) return false
  const age = Date.now() / 1000 - Number(t)
  if (age > 300 || age < -60) return false
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest()
  return timingSafeEqual(Buffer.from(v1, 'hex'), expected) // both 32 bytes: v1 was checked above
}`

/** Code, as the messages' <code> tag wraps it. */
const code = (chunks: unknown[]) => <code>{chunks}</code>

// The fields' notes come from the OpenAPI document, which stays English: marked so for readers.
function Fields({ fields, lang }: { fields: FieldView[]; lang: PageLanguage }) {
  const { t, locale } = lang
  const english = locale === 'en' ? undefined : 'en'
  return (
    <table class="usage-table api-fields">
      <thead>
        <tr>
          <th scope="col">{t('api.docs.fieldColumn')}</th>
          <th scope="col">{t('api.docs.typeColumn')}</th>
          <th scope="col">{t('api.docs.notesColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr>
            <td>
              <code>{f.name}</code>
              {f.required ? '' : ` ${t('api.docs.optional')}`}
            </td>
            <td class="api-type">{f.type}</td>
            <td lang={f.description ? english : undefined}>{f.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ApiDocsPage({ viewer, baseUrl, operations, problemTypes }: ApiDocsProps) {
  const tags = [...new Set(operations.map((o) => o.tag))]
  const { t, rich, locale } = viewer.lang
  // The operations' words (tags, summaries, descriptions, answers) come from the OpenAPI
  // document, which stays English; on a Chinese page they are marked as English.
  const english = locale === 'en' ? undefined : 'en'
  return (
    <Layout title={t('api.docs.title')} viewer={viewer} width="wide" translated>
      <article class="card prose api-docs">
        <h1>{t('api.docs.title')}</h1>
        <p class="lead">{rich('api.docs.lead', { link: (words) => <a href="/api/v1/openapi.json">{words}</a> })}</p>
        <nav aria-label={t('api.docs.onThisPage')}>
          <a href="#quick-start">{t('api.docs.navQuickStart')}</a> ·{' '}
          <a href="#conventions">{t('api.docs.navConventions')}</a> ·{' '}
          {tags.map((tag) => (
            <>
              <a href={`#${tag.toLowerCase()}`} lang={english}>
                {tag}
              </a>{' '}
              ·{' '}
            </>
          ))}
          <a href="#verifying-webhooks">{t('api.docs.navWebhooks')}</a> ·{' '}
          <a href="#problems">{t('api.docs.navProblems')}</a>
        </nav>

        <h2 id="quick-start">{t('api.docs.quickStartHeading')}</h2>
        <p>{rich('api.docs.quickStartBrief', { code })}</p>
        <pre tabindex={0}>
          <code>{briefExample}</code>
        </pre>
        <pre tabindex={0}>
          <code>{quickStart(baseUrl)}</code>
        </pre>

        <h2 id="conventions">{t('api.docs.conventionsHeading')}</h2>
        <ul>
          <li>{rich('api.docs.conventionAuth', { code })}</li>
          <li>{rich('api.docs.conventionIds', { code })}</li>
          <li>{rich('api.docs.conventionErrors', { code })}</li>
          <li>{rich('api.docs.conventionLanguage', { code })}</li>
          <li>{rich('api.docs.conventionIdempotency', { code })}</li>
          <li>{rich('api.docs.conventionRateLimits', { code })}</li>
        </ul>

        {tags.map((tag) => (
          <section>
            <h2 id={tag.toLowerCase()} lang={english}>
              {tag}
            </h2>
            {operations
              .filter((o) => o.tag === tag)
              .map((o) => (
                <section class="api-operation" id={o.id}>
                  <h3>
                    <span class={`api-method api-method-${o.method.toLowerCase()}`}>{o.method}</span>{' '}
                    <code>/api/v1{o.path}</code>
                  </h3>
                  <p lang={english}>
                    <strong>{o.summary}</strong>
                  </p>
                  {o.description && <p lang={english}>{o.description}</p>}
                  {o.params.length > 0 && <Fields fields={o.params} lang={viewer.lang} />}
                  {o.body.map((b) => (
                    <>
                      <p class="muted small">{rich('api.docs.body', { mediaType: b.mediaType, code })}</p>
                      <Fields fields={b.fields} lang={viewer.lang} />
                    </>
                  ))}
                  <p class="muted small">
                    {t('api.docs.answers')}{' '}
                    {o.responses.map((r, i) => (
                      <>
                        {i > 0 ? ' · ' : ''}
                        <strong>{r.status}</strong> <span lang={english}>{r.description}</span>
                      </>
                    ))}
                  </p>
                </section>
              ))}
          </section>
        ))}

        <h2 id="verifying-webhooks">{t('api.docs.webhooksHeading')}</h2>
        <p>
          {rich('api.docs.webhooksEvent', {
            code,
            event: () => <code>{'{ "id", "type", "createdAt", "data": { "video" } }'}</code>,
            signature: () => (
              <code>
                Lumina-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;
              </code>
            ),
          })}
        </p>
        <pre tabindex={0}>
          <code data-sample="verify-webhook">{VERIFY_SAMPLE}</code>
        </pre>
        <p>{rich('api.docs.webhooksReplay', { code })}</p>

        <h2 id="problems">{t('api.docs.problemsHeading')}</h2>
        <dl class="facts">
          {problemTypes.map((p) => (
            <>
              <dt id={`problem-${p.slug}`}>
                <code>/docs/api#problem-{p.slug}</code> ({p.status})
              </dt>
              <dd>
                <strong lang={english}>{p.title}.</strong> {t(p.description)}
              </dd>
            </>
          ))}
        </dl>
      </article>
    </Layout>
  )
}
