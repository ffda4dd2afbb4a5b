import { Layout, type Viewer } from '../layout.js'

export function HomePage({ viewer, notice }: { viewer: Viewer; notice?: string | undefined }) {
  return (
    <Layout
      title="Lumina.AI"
      viewer={viewer}
      width="wide"
      notice={notice ? { kind: 'success', text: notice } : undefined}
    >
      <section class="hero">
        <p class="eyebrow">Product videos, self-hosted</p>
        <h1>From one product photo to a finished marketing video.</h1>
        <p class="lead">
          Describe your product, upload a photo, and Lumina.AI writes a shot-by-shot screenplay, renders every shot with
          image-to-video AI, and stitches the clips into one video with captions and your call to action.
        </p>
        <div class="hero-actions">
          {viewer.email ? (
            <a class="button" href="/briefs/new">
              Make a video
            </a>
          ) : (
            <>
              <a class="button" href="/signup">
                Create a free account
              </a>
              <a class="button button-secondary" href="/signin">
                Sign in
              </a>
            </>
          )}
        </div>
      </section>

      <section class="steps">
        <article class="card step">
          <span class="step-number">1</span>
          <h2>Write a brief</h2>
          <p>
            Name, a paragraph about the product, its selling points, your audience and the tone you want: premium,
            playful, warm…
          </p>
        </article>
        <article class="card step">
          <span class="step-number">2</span>
          <h2>Review the screenplay</h2>
          <p>
            A template engine on our own server turns the brief into shots with camera moves and captions. Edit, reorder
            or try another take.
          </p>
        </article>
        <article class="card step">
          <span class="step-number">3</span>
          <h2>Render and download</h2>
          <p>
            Each shot is rendered from your photo, then stitched into one MP4 in 9:16, 16:9 or 1:1, ready for your store
            or socials.
          </p>
        </article>
      </section>

      <section class="card promise">
        <h2>Your data stays yours</h2>
        <ul class="checks">
          <li>Screenplays are written on this server, with no AI model reading your brief.</li>
          <li>
            The video service receives only your product image and each shot's prompt, never your email or account.
          </li>
          <li>One sign-in cookie, no trackers, and you can export or delete everything from your account page.</li>
        </ul>
        <p>
          <a class="standalone-link" href="/privacy">
            Read the privacy policy
          </a>
        </p>
      </section>
    </Layout>
  )
}
