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
export type ProblemTypeView = { slug: string; status: number; title: string; description: string }

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

function Fields({ fields }: { fields: FieldView[] }) {
  return (
    <table class="usage-table api-fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr>
            <td>
              <code>{f.name}</code>
              {f.required ? '' : ' (optional)'}
            </td>
            <td>{f.type}</td>
            <td>{f.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ApiDocsPage({ viewer, baseUrl, operations, problemTypes }: ApiDocsProps) {
  const tags = [...new Set(operations.map((o) => o.tag))]
  return (
    <Layout title="API reference" viewer={viewer} width="wide">
      <article class="card prose api-docs">
        <h1>API reference</h1>
        <p class="lead">
          Everything a page can do, a program can do with your API key. The machine-readable description is{' '}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
        <nav aria-label="On this page">
          <a href="#quick-start">Quick start</a> · <a href="#conventions">Conventions</a> ·{' '}
          {tags.map((tag) => (
            <>
              <a href={`#${tag.toLowerCase()}`}>{tag}</a> ·{' '}
            </>
          ))}
          <a href="#webhooks">Verifying webhooks</a> · <a href="#problems">Problem types</a>
        </nav>

        <h2 id="quick-start">Quick start: a video from a photo in two commands</h2>
        <p>
          Save your brief as <code>brief.json</code> beside <code>product.jpg</code>:
        </p>
        <pre tabindex={0}>
          <code>{briefExample}</code>
        </pre>
        <pre tabindex={0}>
          <code>{quickStart(baseUrl)}</code>
        </pre>

        <h2 id="conventions">Conventions</h2>
        <ul>
          <li>
            Authenticate every call with <code>Authorization: Bearer lum_…</code>. No key, a malformed or a revoked key
            is a 401; someone else's id is a 404, exactly like an id that does not exist.
          </li>
          <li>
            Ids are strings; times are ISO 8601 in UTC; field names are camelCase. Lists answer{' '}
            <code>{'{ "data": [...], "nextCursor": "…" }'}</code>: pass <code>?cursor=</code> for the next page (
            <code>nextCursor</code> is null on the last).
          </li>
          <li>
            Errors are <code>application/problem+json</code> with <code>type</code>, <code>title</code>,{' '}
            <code>status</code>, <code>detail</code> and <code>errors</code> (each with a <code>field</code> path).
          </li>
          <li>
            Send <code>Idempotency-Key</code> on any POST: the same key and body within 24 hours returns the first
            answer (with <code>Idempotent-Replayed: true</code>) and creates or charges nothing again; the same key with
            another body is a 422.
          </li>
          <li>
            Every answer carries <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and{' '}
            <code>RateLimit-Reset</code> (seconds). A minute allows 300 reads, 60 writes and 10 uploads or renders per
            key; past that, a 429 with <code>Retry-After</code>.
          </li>
        </ul>

        {tags.map((tag) => (
          <section>
            <h2 id={tag.toLowerCase()}>{tag}</h2>
            {operations
              .filter((o) => o.tag === tag)
              .map((o) => (
                <section class="api-operation" id={o.id}>
                  <h3>
                    <span class={`api-method api-method-${o.method.toLowerCase()}`}>{o.method}</span>{' '}
                    <code>/api/v1{o.path}</code>
                  </h3>
                  <p>
                    <strong>{o.summary}</strong>
                  </p>
                  {o.description && <p>{o.description}</p>}
                  {o.params.length > 0 && <Fields fields={o.params} />}
                  {o.body.map((b) => (
                    <>
                      <p class="muted small">
                        Body: <code>{b.mediaType}</code>
                      </p>
                      <Fields fields={b.fields} />
                    </>
                  ))}
                  <p class="muted small">
                    Answers:{' '}
                    {o.responses.map((r, i) => (
                      <>
                        {i > 0 ? ' · ' : ''}
                        <strong>{r.status}</strong> {r.description}
                      </>
                    ))}
                  </p>
                </section>
              ))}
          </section>
        ))}

        <h2 id="webhooks">Verifying webhooks</h2>
        <p>
          Each event is a POST of <code>{'{ "id", "type", "createdAt", "data": { "video" } }'}</code> with{' '}
          <code>
            Lumina-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;
          </code>
          , signed with the secret <code>PUT /api/v1/webhook</code> showed you once. Answer 2xx within 10 seconds, the
          whole answer read; anything else, or a slower answer, is retried with backoff for 24 hours. In Node:
        </p>
        <pre tabindex={0}>
          <code data-sample="verify-webhook">{VERIFY_SAMPLE}</code>
        </pre>
        <p>
          A signature proves an event is ours and recent, not that it is new: whoever captures a request can send it
          again within those 5 minutes, and a retry sends the same event again. Keep the <code>id</code> of every event
          you have handled (at least a day: retries stop after 24 hours) and answer 2xx to one you have seen without
          acting on it again.
        </p>

        <h2 id="problems">Problem types</h2>
        <dl class="facts">
          {problemTypes.map((p) => (
            <>
              <dt id={`problem-${p.slug}`}>
                <code>/docs/api#problem-{p.slug}</code> ({p.status})
              </dt>
              <dd>
                <strong>{p.title}.</strong> {p.description}
              </dd>
            </>
          ))}
        </dl>
      </article>
    </Layout>
  )
}
