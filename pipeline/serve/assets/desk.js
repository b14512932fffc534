// The desk's page script (served from this folder, never from a CDN): evidence images and outlines,
// sorting/filtering of the batch table, drag-and-drop upload, live updates by server-sent events.

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

/** Places a figure's outline on its page image: the box is in PDF points from the lower-left corner. */
function placeOutline(figure) {
  const image = figure.querySelector('img');
  const outline = figure.querySelector('.outline');
  const box = (figure.dataset.box || '').split(',').map(Number);
  if (!image || !outline || box.length !== 4 || !image.naturalWidth) return;
  const dpi = Number(figure.dataset.dpi) || 72;
  const widthPt = (image.naturalWidth * 72) / dpi;
  const heightPt = (image.naturalHeight * 72) / dpi;
  const [x0, y0, x1, y1] = box;
  outline.style.left = `${(x0 / widthPt) * 100}%`;
  outline.style.top = `${((heightPt - y1) / heightPt) * 100}%`;
  outline.style.width = `${((x1 - x0) / widthPt) * 100}%`;
  outline.style.height = `${((y1 - y0) / heightPt) * 100}%`;
  outline.classList.add('placed');
  figure.scrollTop = Math.max(0, outline.offsetTop - figure.clientHeight / 3);
}

function loadEvidence(details) {
  for (const element of details.querySelectorAll('[data-src]')) {
    if (element.getAttribute('src')) continue;
    if (element.tagName === 'IMG') {
      const figure = element.closest('figure');
      element.addEventListener('load', () => placeOutline(figure));
    }
    element.setAttribute('src', element.dataset.src);
  }
}

function bindFindings(root) {
  for (const details of root.querySelectorAll('details.finding')) {
    details.addEventListener('toggle', () => {
      if (details.open) loadEvidence(details);
    });
    if (details.open) loadEvidence(details);
  }
  for (const form of root.querySelectorAll('form.decision-form')) {
    form.addEventListener('submit', (event) => {
      const dismissed = form.querySelector('input[value="dismissed"]');
      const reason = form.querySelector('input[name="reason"]');
      if (dismissed?.checked && reason && reason.value.trim() === '') {
        event.preventDefault();
        reason.setCustomValidity('不采纳时必须填写理由');
        reason.reportValidity();
      }
    });
    const reason = form.querySelector('input[name="reason"]');
    if (reason) reason.addEventListener('input', () => reason.setCustomValidity(''));
  }
}

function applyFilters() {
  const table = document.getElementById('packages');
  if (!table) return;
  const search = (document.getElementById('filter-search')?.value || '').trim();
  const status = document.getElementById('filter-status')?.value || '';
  const severity = document.getElementById('filter-severity')?.value || '';
  for (const row of table.tBodies[0].rows) {
    const visible =
      (search === '' || row.dataset.unit.includes(search)) &&
      (status === '' || row.dataset.status === status) &&
      (severity === '' || row.dataset.severity === severity);
    row.hidden = !visible;
  }
}

function bindBatch(root) {
  const table = root.querySelector('#packages');
  if (!table) return;
  for (const th of table.tHead.rows[0].cells) {
    th.addEventListener('click', () => {
      const key = th.dataset.sort;
      const numeric = th.dataset.type === 'number';
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const rows = [...table.tBodies[0].rows];
      rows.sort((a, b) => {
        const x = a.dataset[key] || '';
        const y = b.dataset[key] || '';
        const order = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y, 'zh-CN');
        return ascending ? order : -order;
      });
      table.tBodies[0].append(...rows);
    });
  }
  for (const id of ['filter-search', 'filter-status', 'filter-severity']) {
    const control = root.querySelector(`#${id}`);
    if (control) control.addEventListener('input', applyFilters);
  }
  applyFilters();
  const zone = root.querySelector('#drop-zone');
  const input = root.querySelector('#upload-input');
  if (!zone) return;
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    upload(event.dataTransfer.files);
  });
  if (input) input.addEventListener('change', () => upload(input.files));
}

async function upload(files) {
  const status = document.getElementById('upload-status');
  if (!files || files.length === 0) return;
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  status.textContent = `正在上传 ${files.length} 个文件……`;
  try {
    const response = await fetch('/upload', { method: 'POST', body: form, headers: { 'x-csrf-token': csrfToken() } });
    const answer = await response.json().catch(() => ({ message: `上传失败（${response.status}）` }));
    status.textContent = answer.message;
    await refresh();
  } catch {
    status.textContent = '上传失败：无法连接审核台';
  }
}

/** Replaces the page's main part with the server's current rendering, keeping open findings open. */
async function refresh() {
  const response = await fetch(location.href, { headers: { accept: 'text/html' } });
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  const next = doc.getElementById('main');
  const main = document.getElementById('main');
  if (!next || !main) return;
  const open = new Set([...main.querySelectorAll('details[open]')].map((d) => d.id).filter(Boolean));
  const status = document.getElementById('upload-status')?.textContent || '';
  const search = document.getElementById('filter-search')?.value || '';
  main.innerHTML = next.innerHTML;
  for (const id of open) document.getElementById(id)?.setAttribute('open', '');
  const statusLine = document.getElementById('upload-status');
  if (statusLine) statusLine.textContent = status;
  const searchBox = document.getElementById('filter-search');
  if (searchBox) searchBox.value = search;
  bind(main);
}

function bind(root) {
  bindFindings(root);
  bindBatch(root);
}

document.addEventListener('DOMContentLoaded', () => {
  bind(document);
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === 'DETAILS') target.open = true;
  if ('EventSource' in window) {
    const events = new EventSource('/events');
    events.addEventListener('changed', () => {
      // A reviewer typing a reason is not interrupted.
      if (document.activeElement?.matches('input[type="text"], textarea')) return;
      refresh();
    });
  }
});
