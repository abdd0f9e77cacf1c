#!/usr/bin/env python3
"""End-to-end test of the qdot dashboard in headless Chromium (issue 13, docs/service.md).

Given an ALREADY RUNNING `qdot serve` on loopback (Tools/ci/service.sh starts it, on the simulated
board paced to real time), this drives Debian's `chromium` over the Chrome DevTools Protocol the way
a person would: open the dashboard, type the token, choose bell-chsh, click Start, wait for live
frames and a positive singles rate, wait for the run to end and the page's final S, and compare
that S with the `chsh-s` figure of the run's result JSON fetched from the API, to the precision the
page shows. Then it narrows the window to a phone's 360 px and checks there is no horizontal
scroll. Screenshots of both go next to --screenshot. Any Content-Security-Policy violation the page
causes is a failure too. Exits 0 on success, 1 with a message on the first failure; Chromium is
always killed.

    python3 Tools/ci/service_browser.py --url http://127.0.0.1:PORT --token-file FILE \
        --screenshot ARTIFACTS/service-dashboard.png

Needs python3's standard library and `websocket` (Debian's python3-websocket).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import websocket  # Debian's python3-websocket
except ImportError:
    # A pyenv (or venv) python3 first on PATH does not see Debian's package; the system one does.
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    sys.exit('service_browser: the python module websocket is missing (apt-get install python3-websocket)')

DESKTOP_WIDTH_PIXELS, DESKTOP_HEIGHT_PIXELS = 1280, 2000
PHONE_WIDTH_PIXELS, PHONE_HEIGHT_PIXELS = 360, 2400


class Failure(Exception):
    """The dashboard did not do what the test expects; the message says what."""


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page target's WebSocket."""

    def __init__(self, websocket_url):
        # Chromium refuses WebSocket connections that carry a foreign Origin; send none.
        self.socket = websocket.create_connection(websocket_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        call_id = self.next_id
        self.socket.send(json.dumps({'id': call_id, 'method': method, 'params': params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get('id') == call_id:
                if 'error' in message:
                    raise Failure(f'DevTools {method}: {message["error"]}')
                return message.get('result', {})
            if 'method' in message:
                self.events.append(message)

    def evaluate(self, expression):
        """Runs JavaScript in the page (awaiting promises) and returns its JSON value."""
        result = self.call('Runtime.evaluate', expression=expression, returnByValue=True, awaitPromise=True)
        if 'exceptionDetails' in result:
            raise Failure(f'page script failed: {result["exceptionDetails"].get("text")} in {expression[:80]}')
        return result.get('result', {}).get('value')

    def drain_events(self):
        """Reads events that arrived while nobody was calling (console messages, CSP reports)."""
        self.socket.settimeout(0.05)
        try:
            while True:
                message = json.loads(self.socket.recv())
                if 'method' in message:
                    self.events.append(message)
        except (websocket.WebSocketTimeoutException, TimeoutError):
            pass
        finally:
            self.socket.settimeout(30)

    def close(self):
        try:
            self.socket.close()
        except Exception:
            pass


def text_of(devtools, element_id):
    return devtools.evaluate(f'(document.getElementById({json.dumps(element_id)}) || {{}}).textContent || ""').strip()


def wait_for(description, seconds, probe, devtools=None, interval=0.1):
    """Calls probe() until it returns something true; fails after `seconds` with the description."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        if devtools:
            devtools.drain_events()
        time.sleep(interval)
    raise Failure(f'timed out after {seconds:.0f} s waiting for {description} (last seen: {last!r})')


def click(devtools, element_id):
    """A real mouse click at the element's centre (Input.dispatchMouseEvent), as a person would."""
    box = devtools.evaluate(
        f'(() => {{ const e = document.getElementById({json.dumps(element_id)}); if (!e) return null;'
        ' e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();'
        ' return {x: r.left + r.width / 2, y: r.top + r.height / 2, disabled: !!e.disabled}; })()')
    if not box:
        raise Failure(f'#{element_id} is not on the page')
    if box['disabled']:
        raise Failure(f'#{element_id} is disabled')
    devtools.call('Input.dispatchMouseEvent', type='mouseMoved', x=box['x'], y=box['y'], button='none', buttons=0)
    devtools.call('Input.dispatchMouseEvent', type='mousePressed', x=box['x'], y=box['y'], button='left', buttons=1, clickCount=1)
    devtools.call('Input.dispatchMouseEvent', type='mouseReleased', x=box['x'], y=box['y'], button='left', buttons=0, clickCount=1)


def set_viewport(devtools, width, height, mobile):
    devtools.call('Emulation.setDeviceMetricsOverride', width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)


def screenshot(devtools, path):
    import base64
    data = devtools.call('Page.captureScreenshot', format='png')['data']
    with open(path, 'wb') as file:
        file.write(base64.b64decode(data))
    print(f'service_browser: screenshot {path}')


def api_get(url, token, path):
    request = urllib.request.Request(url + path, headers={'Authorization': 'Bearer ' + token})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise Failure(f'GET {path}: HTTP {error.code} {error.read()[:200]!r}')


def page_problems(devtools):
    """Console errors and CSP violations the page caused so far."""
    problems = []
    for event in devtools.events:
        if event['method'] == 'Log.entryAdded':
            entry = event['params']['entry']
            if entry.get('level') == 'error' and 'Content Security Policy' in entry.get('text', ''):
                problems.append('CSP: ' + entry['text'])
        elif event['method'] == 'Runtime.exceptionThrown':
            details = event['params']['exceptionDetails']
            problems.append('uncaught: ' + str(details.get('exception', {}).get('description') or details.get('text')))
    return problems


def start_chromium(chromium, user_data_dir):
    arguments = [chromium, '--headless=new', '--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1',
                 f'--user-data-dir={user_data_dir}', '--no-first-run', '--no-default-browser-check',
                 '--disable-gpu', '--disable-dev-shm-usage', '--disable-extensions', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--mute-audio', 'about:blank']
    if os.geteuid() == 0:
        arguments.insert(1, '--no-sandbox')  # Chromium refuses to run its sandbox as root (CI containers)
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    port_file = os.path.join(user_data_dir, 'DevToolsActivePort')

    def port():
        if process.poll() is not None:
            raise Failure(f'chromium exited with {process.returncode}: {process.stderr.read().decode()[-800:]}')
        if os.path.exists(port_file):
            lines = open(port_file).read().split()
            return int(lines[0]) if lines else None
        return None

    return process, wait_for('DevToolsActivePort', 30, port)


def stop_chromium(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, 15)
            process.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, 9)
            except ProcessLookupError:
                pass
            process.wait(timeout=5)


def page_target(debugging_port):
    def find():
        with urllib.request.urlopen(f'http://127.0.0.1:{debugging_port}/json/list', timeout=5) as response:
            pages = [t for t in json.load(response) if t.get('type') == 'page']
        return pages[0]['webSocketDebuggerUrl'] if pages else None
    return wait_for('a page target', 15, find)


def check_service_answers(url):
    """The page must be there before a browser is worth starting (it needs no token)."""
    try:
        with urllib.request.urlopen(url + '/', timeout=10) as response:
            page = response.read().decode('utf-8', 'replace')
            policy = response.headers.get('Content-Security-Policy', '')
    except (OSError, urllib.error.URLError) as error:
        raise Failure(f'{url}/ does not answer: {error}')
    if 'id="token"' not in page:
        raise Failure(f'{url}/ is not the qdot dashboard')
    if "default-src 'self'" not in policy:
        raise Failure(f"{url}/ is served without Content-Security-Policy: default-src 'self' (got {policy!r})")


def drive(devtools, options, token):
    """The test proper; raises Failure on the first thing that is wrong."""
    for domain in ('Page', 'Runtime', 'Log'):
        devtools.call(domain + '.enable')
    set_viewport(devtools, DESKTOP_WIDTH_PIXELS, DESKTOP_HEIGHT_PIXELS, mobile=False)
    devtools.call('Page.navigate', url=options.url + '/')
    wait_for('the dashboard to load', 20,
             lambda: devtools.evaluate('document.readyState === "complete" && !!document.getElementById("token")'))

    # Type the token as a person would, and press Enter.
    devtools.evaluate('document.getElementById("token").focus()')
    devtools.call('Input.insertText', text=token)
    for kind in ('keyDown', 'keyUp'):
        devtools.call('Input.dispatchKeyEvent', type=kind, key='Enter', code='Enter', windowsVirtualKeyCode=13)

    wait_for('bell-chsh in #experiment (GET /api/v1/experiments with the token)', 15,
             lambda: devtools.evaluate('[...document.getElementById("experiment").options].some(o => o.value === "bell-chsh")'),
             devtools)
    devtools.evaluate('(() => { const s = document.getElementById("experiment"); s.value = "bell-chsh";'
                      ' s.dispatchEvent(new Event("change", {bubbles: true})); })()')
    wait_for('#live-status to say live', 20, lambda: text_of(devtools, 'live-status') == 'live', devtools)
    wait_for('an idle board (#start enabled)', 30,
             lambda: devtools.evaluate('!document.getElementById("start").disabled'), devtools)

    # Remember the largest A+ rate the page shows, so a short run's rates are not missed between polls.
    devtools.evaluate('''(() => {
        const cell = document.getElementById("singles-rate-Aplus");
        window.__largestAplusRate = 0;
        new MutationObserver(() => {
            const rate = parseFloat(cell.textContent.replace(/[^0-9.]/g, ""));
            if (rate > window.__largestAplusRate) window.__largestAplusRate = rate;
        }).observe(cell, {childList: true, characterData: true, subtree: true});
    })()''')
    click(devtools, 'start')
    message = wait_for('#message to say the run started', 10,
                       lambda: re.search(r'started (\S+)', text_of(devtools, 'message')), devtools)
    run_id = message.group(1)
    print(f'service_browser: the page started run {run_id}')

    largest = wait_for('#singles-rate-Aplus to show a positive rate', options.timeout,
                       lambda: devtools.evaluate('window.__largestAplusRate'), devtools, interval=0.05)
    print(f'service_browser: page showed A+ {largest:.0f} /s, coincidences {text_of(devtools, "coincidence-rate")}')
    if text_of(devtools, 'live-status') != 'live':
        raise Failure('#live-status is not "live" while the run goes')

    def final_s():
        # The result block names its run: an older run's S (shown when the page opened) does not count.
        text = text_of(devtools, 'result')
        return run_id in text and re.search(r'S = (-?\d+(?:\.(\d+))?) ± (\d+(?:\.\d+)?)', text)
    shown = wait_for(f'#result to show the final S of {run_id}', options.timeout, final_s, devtools, interval=0.2)
    shown_value, decimals = float(shown.group(1)), len(shown.group(2) or '')
    entry = api_get(options.url, token, f'/api/v1/runs/{urllib.parse.quote(run_id)}')
    if entry.get('state') != 'completed':
        raise Failure(f'run {run_id} ended {entry.get("state")} ({entry.get("outcome")}), not completed')
    result = api_get(options.url, token, f'/api/v1/runs/{urllib.parse.quote(run_id)}/result')
    figures = {f['key']: f for f in result.get('findings', {}).get('figures', [])}
    if 'chsh-s' not in figures:
        raise Failure(f'the result of {run_id} has no chsh-s figure: {sorted(figures)}')
    expected = figures['chsh-s']['value']
    if abs(shown_value - expected) > 0.5 * 10 ** -decimals + 1e-12:
        raise Failure(f'the page shows S = {shown.group(1)}, the result says {expected!r}')
    print(f'service_browser: page S = {shown.group(1)} ± {shown.group(3)}, result S = {expected:.6f}: agree')
    devtools.drain_events()
    time.sleep(0.5)  # let the result's figures arrive before the picture
    screenshot(devtools, options.screenshot)

    set_viewport(devtools, PHONE_WIDTH_PIXELS, PHONE_HEIGHT_PIXELS, mobile=True)
    time.sleep(0.5)
    width = devtools.evaluate('document.documentElement.scrollWidth')
    phone_path = re.sub(r'(\.png)?$', '-360px.png', options.screenshot, count=1)
    screenshot(devtools, phone_path)
    if width > PHONE_WIDTH_PIXELS:
        raise Failure(f'at {PHONE_WIDTH_PIXELS} px the page is {width} px wide (horizontal scroll)')
    print(f'service_browser: at {PHONE_WIDTH_PIXELS} px the page is {width} px wide: no horizontal scroll')

    devtools.drain_events()
    problems = page_problems(devtools)
    if problems:
        raise Failure('the page reported errors:\n  ' + '\n  '.join(problems[:10]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--url', required=True, help='the running qdot serve, http://127.0.0.1:PORT')
    parser.add_argument('--token-file', required=True, help='the bearer token file qdot serve was given')
    parser.add_argument('--screenshot', required=True, help='PNG of the desktop page; the 360 px one goes to NAME-360px.png')
    parser.add_argument('--timeout', type=float, default=60, help='seconds to wait for each stage of the run (default 60)')
    parser.add_argument('--chromium', default=shutil.which('chromium') or 'chromium', help='the Chromium binary')
    options = parser.parse_args()
    options.url = options.url.rstrip('/')
    host = urllib.parse.urlsplit(options.url).hostname
    if host not in ('127.0.0.1', 'localhost', '::1'):
        sys.exit(f'service_browser: refusing {options.url}: the test only talks to loopback')
    with open(options.token_file) as file:
        token = file.read().strip()
    os.makedirs(os.path.dirname(os.path.abspath(options.screenshot)), exist_ok=True)

    user_data_dir = tempfile.mkdtemp(prefix='qdot-chromium-')
    process = None
    devtools = None
    try:
        check_service_answers(options.url)
        process, debugging_port = start_chromium(options.chromium, user_data_dir)
        devtools = DevTools(page_target(debugging_port))
        drive(devtools, options, token)
    except Failure as failure:
        if devtools:
            try:
                screenshot(devtools, re.sub(r'(\.png)?$', '-failure.png', options.screenshot, count=1))
                for problem in page_problems(devtools):
                    print('service_browser: page: ' + problem, file=sys.stderr)
                print('service_browser: #message: ' + text_of(devtools, 'message'), file=sys.stderr)
                print('service_browser: #banner: ' + text_of(devtools, 'banner'), file=sys.stderr)
            except Exception:
                pass
        print(f'service_browser: FAILED: {failure}', file=sys.stderr)
        return 1
    except (OSError, websocket.WebSocketException) as error:
        print(f'service_browser: FAILED: {type(error).__name__}: {error}', file=sys.stderr)
        return 1
    finally:
        if devtools:
            devtools.close()
        if process:
            stop_chromium(process)
        shutil.rmtree(user_data_dir, ignore_errors=True)
    print('service_browser: passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
