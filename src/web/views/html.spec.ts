import { html, raw } from './html';

describe('html templates', () => {
  it('escapes what people typed and keeps nested templates as markup', () => {
    const name = '<script>alert("x")</script> & co';
    const page = html`<p title="${name}">${name}</p>
      ${html`<b>${'ok'}</b>`}${raw('<hr>')}`;
    // Prettier may wrap the template's markup; the line breaks it adds are not part of the test.
    expect(page.value.replace(/\n\s*/g, '')).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p><b>ok</b><hr>',
    );
  });

  it('renders lists and leaves out empty values', () => {
    expect(html`${[1, 2].map((n) => html`<i>${n}</i>`)}${null}${undefined}${false}`.value).toBe(
      '<i>1</i><i>2</i>',
    );
  });
});
