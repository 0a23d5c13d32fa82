/** The element ids a JSON-upload form's script works on. */
export interface FileFormIds {
  readonly form: string;
  readonly file: string;
  readonly text: string;
  readonly status: string;
  readonly submit: string;
}

/** Where a page's upload script differs, each a piece of JavaScript. */
export interface FileFormScriptOptions {
  /** An expression: while it is true the script leaves the file and the submit alone. */
  readonly skipWhen?: string;
  /** Statements run when the textarea gets new content, typed or read from a file. */
  readonly onChange?: string;
}

/**
 * The inline script of a form that posts JSON from a textarea: a chosen file is read into the
 * textarea (the form posts urlencoded text, so the server needs no multipart parser), and a
 * submit while a file is still being read waits for it. Without scripts the form still works:
 * the textarea is the input.
 */
export function fileFormScript(ids: FileFormIds, options: FileFormScriptOptions = {}): string {
  const skip = options.skipWhen ? `if (${options.skipWhen}) return;` : '';
  const changed = options.onChange ?? '';
  return `
(() => {
  const form = document.getElementById(${JSON.stringify(ids.form)});
  const file = document.getElementById(${JSON.stringify(ids.file)});
  const text = document.getElementById(${JSON.stringify(ids.text)});
  const status = document.getElementById(${JSON.stringify(ids.status)});
  const submit = document.getElementById(${JSON.stringify(ids.submit)});
  let pending = null;
  file.addEventListener('change', () => {
    ${skip}
    const chosen = file.files && file.files[0];
    if (!chosen) return;
    status.textContent = 'Reading ' + chosen.name + '…';
    pending = new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => {
        text.value = String(reader.result);
        ${changed}
        status.textContent = chosen.name + ' loaded (' + chosen.size.toLocaleString('en') + ' bytes)';
        resolve();
      };
      reader.onerror = () => {
        status.textContent = 'Could not read ' + chosen.name;
        resolve();
      };
      reader.readAsText(chosen);
    }).finally(() => { pending = null; });
  });
  ${changed ? `text.addEventListener('input', () => { ${changed} });` : ''}
  form.addEventListener('submit', (event) => {
    ${skip}
    submit.disabled = true;
    submit.textContent = 'Starting…';
    if (pending) {
      event.preventDefault();
      pending.then(() => form.submit());
    }
  });
})();
`;
}
