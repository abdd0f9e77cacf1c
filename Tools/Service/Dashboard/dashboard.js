// qdot dashboard: reads /api/v1/status (the full page arrives with the dashboard work).
fetch('/api/v1/status').then(r => r.json()).then(s => { document.getElementById('state').textContent = s.state; });
