import { Layout, type Viewer } from '../layout.js'

type ErrorPageProps = {
  status: number
  title: string
  message: string
  viewer: Viewer
  requestId?: string | undefined
}

export function ErrorPage({ status, title, message, viewer, requestId }: ErrorPageProps) {
  return (
    <Layout title={title} viewer={viewer}>
      <section class="card error-card">
        <p class="eyebrow">Error {status}</p>
        <h1>{title}</h1>
        <p class="lead">{message}</p>
        <p>
          <a class="button" href="/">
            Back to the home page
          </a>
        </p>
        {requestId && <p class="muted small">Reference: {requestId}</p>}
      </section>
    </Layout>
  )
}
