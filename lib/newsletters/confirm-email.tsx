import { renderStaticMarkup as renderToStaticMarkup } from '@/lib/newsletters/render-markup';

const sans = { fontFamily: '-apple-system,"Segoe UI",Helvetica,Arial,sans-serif' };

function ConfirmEmail({ siteName, newsletters, confirmUrl }: { siteName: string; newsletters: string[]; confirmUrl: string }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, padding: '24px', backgroundColor: '#f4f4f4', ...sans }}>
        <table
          role="presentation"
          width="100%"
          cellPadding={0}
          cellSpacing={0}
          style={{ maxWidth: 560, margin: '0 auto', backgroundColor: '#fff' }}
        >
          <tbody>
            <tr>
              <td style={{ padding: '24px', fontSize: 16, lineHeight: 1.5, color: '#111' }}>
                <p style={{ margin: '0 0 16px', fontWeight: 'bold' }}>{siteName}</p>
                <p style={{ margin: '0 0 16px' }}>Please confirm that you want these newsletters:</p>
                <ul style={{ margin: '0 0 16px' }}>
                  {newsletters.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
                <p style={{ margin: '0 0 24px' }}>
                  <a
                    href={confirmUrl}
                    style={{
                      backgroundColor: '#111',
                      color: '#fff',
                      padding: '12px 20px',
                      textDecoration: 'none',
                      display: 'inline-block',
                    }}
                  >
                    Confirm my subscription
                  </a>
                </p>
                <p style={{ margin: 0, fontSize: 13, color: '#555' }}>
                  If you did not ask for this, ignore this email: nothing will be sent to you. The link works for seven days.
                </p>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** The double opt-in email: what was asked for and the signed link that confirms it; text escaped by React. Pure. */
export function renderConfirmEmail({ siteName, newsletters, confirmUrl }: { siteName: string; newsletters: string[]; confirmUrl: string }) {
  return {
    subject: `Confirm your subscription to ${siteName}`.replace(/[\r\n]+/g, ' '),
    html: `<!DOCTYPE html>${renderToStaticMarkup(<ConfirmEmail siteName={siteName} newsletters={newsletters} confirmUrl={confirmUrl} />)}`,
    text: [
      siteName,
      'Please confirm that you want these newsletters:',
      newsletters.map((n) => `- ${n}`).join('\n'),
      `Confirm: ${confirmUrl}`,
      'If you did not ask for this, ignore this email: nothing will be sent to you. The link works for seven days.',
    ].join('\n\n'),
  };
}
