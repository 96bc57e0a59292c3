#!/usr/bin/python3
"""The phone page in a real browser: headless Chromium driven by
Selenium against `socialsoeg serve` on loopback, started here on the dev set.
Logs in, gives a purpose, searches, opens a family card, reads the DOM, and
saves screenshots at phone (390x844) and desktop size; then a user of another
district sees nothing of it.

  /usr/bin/python3 tests/browser/page_test.py --bin build/cli/socialsoeg \
      --data tests/data/dev --out build/artifacts
"""
import argparse
import getpass
import os
import pwd
import re
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "browser-test-password"


def run(args, stdin=None):
    r = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{r.stdout}\n{r.stderr}")
    return r.stdout


def login_name():
    return os.environ.get("USER") or pwd.getpwuid(os.geteuid()).pw_name


class Page:
    def __init__(self, driver, url):
        self.d, self.url = driver, url
        self.wait = WebDriverWait(driver, 20)

    def visible(self, css):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def login(self, user):
        self.d.delete_all_cookies()
        self.d.get(self.url)
        self.visible("#login-user").send_keys(user)
        self.d.find_element(By.ID, "login-password").send_keys(PASSWORD)
        self.d.find_element(By.CSS_SELECTOR, "#login-form button").click()
        self.visible("#purpose-text").send_keys("sag 4200-80123 (browsertest)")
        self.d.find_element(By.CSS_SELECTOR, "#purpose-form button").click()
        self.visible("#q")
        assert "browsertest" in self.d.find_element(By.ID, "purpose-current").text

    def search(self, text, wait_for):
        q = self.visible("#q")
        q.clear()
        q.send_keys(text)
        self.d.find_element(By.CSS_SELECTOR, "#search-form button").click()
        return self.visible(wait_for)


def check(condition, what):
    if not condition:
        sys.exit("FAILED: " + what)
    print("ok:", what)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="socialsoeg-browser-")
    db = os.path.join(work, "db")
    me = login_name()
    run([a.bin, "user", "add", "--db", db, me, "--role", "admin", "--role", "secretariat", "--role", "operator",
         "--district", "all", "--password-stdin"], PASSWORD + "\n")
    run([a.bin, "index", "--db", db, os.path.join(a.data, "reports.jsonl")])
    run([a.bin, "residents", "--db", db, os.path.join(a.data, "residents.jsonl")])
    run([a.bin, "user", "add", "--db", db, "betjent.nord", "--role", "patrol", "--district", "nordjylland",
         "--password-stdin"], PASSWORD + "\n")
    run([a.bin, "user", "add", "--db", db, "betjent.bornholm", "--role", "patrol", "--district", "bornholm",
         "--password-stdin"], PASSWORD + "\n")

    log = open(os.path.join(work, "serve.out"), "w")
    server = subprocess.Popen([a.bin, "serve", "--db", db, "--listen", "127.0.0.1:0"], stdout=log, stderr=log)
    try:
        url = None
        for _ in range(200):
            m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", open(log.name).read())
            if m:
                url = m.group(1) + "/"
                break
            time.sleep(0.05)
        check(url is not None, "the service started: " + open(log.name).read())

        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=390,844", "--lang=da"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.set_window_size(390, 844)
            p = Page(driver, url)
            driver.get(url)
            p.visible("#login-user")
            # Every field has a label (keyboard and screen-reader users).
            unlabelled = driver.execute_script(
                "return [...document.querySelectorAll('input')].filter(i => i.labels.length === 0"
                " && !i.closest('label')).map(i => i.id)")
            check(unlabelled == [], "every input has a label")

            p.login("betjent.nord")
            hits = p.search("vold", "#hits")
            check(len(hits.find_elements(By.CSS_SELECTOR, "article.hit")) > 0, "a search shows reports")
            check(len(hits.find_elements(By.TAG_NAME, "mark")) > 0, "matched words are highlighted")
            check(len(hits.find_elements(By.CSS_SELECTOR, ".badge")) > 0, "concept badges are shown")
            # Named as the service's concept dictionary names them, not by their ids.
            badges = {b.text for b in hits.find_elements(By.CSS_SELECTOR, ".badge")}
            check("Vold" in badges or "Vold (afkræftet)" in badges, "a badge reads 'Vold', the dictionary's label")
            check(not any(b.startswith(("vold", "partnervold", "spirituskoersel")) for b in badges),
                  "no badge shows a concept id")
            districts = {m.text.split(" · ")[2] for m in hits.find_elements(By.CSS_SELECTOR, ".hit .meta:first-child")}
            check(districts == {"nordjylland"}, f"only the officer's district: {districts}")
            driver.save_screenshot(os.path.join(a.out, "phone-search.png"))

            card = p.search("020276-0945", "#family-card")
            members = card.find_elements(By.CSS_SELECTOR, "#household li")
            check(len(members) >= 3, f"the household: {len(members)} members")
            check(len(card.find_elements(By.CSS_SELECTOR, "#household .tag")) >= 2, "children are marked")
            check("Noah Nielsen" in card.text, "the adult's name")
            check(len(card.find_elements(By.CSS_SELECTOR, ".adult table.counts")) >= 1, "concept counts per adult")
            check(len(card.find_elements(By.CSS_SELECTOR, ".adult .timeline li")) >= 1, "each adult's timeline")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            check(width <= 390, f"fits a 390 px phone without sideways scrolling ({width})")
            driver.execute_script("document.getElementById('family-card').scrollIntoView()")
            driver.save_screenshot(os.path.join(a.out, "phone-family.png"))
            driver.set_window_size(1280, 900)
            driver.save_screenshot(os.path.join(a.out, "desktop-family.png"))
            driver.set_window_size(390, 844)

            # The address as an officer writes it goes to the same card.
            card = p.search("Vestergade 77, 1. th", "#family-card")
            check("Noah Nielsen" in card.text, "an address as written opens the family card")

            csp = [e for e in driver.get_log("browser") if "Content Security Policy" in e.get("message", "")]
            check(csp == [], f"no Content-Security-Policy violations: {csp}")

            # The secretariat's weekly screening: flags with their reports, new since the last run, drafts.
            driver.find_element(By.ID, "logout").click()
            p.login(me)
            driver.find_element(By.ID, "tab-screen").click()
            date = p.visible("#screen-date")
            driver.execute_script("arguments[0].value = '2025-12-31'", date)
            driver.find_element(By.CSS_SELECTOR, "#screen-form button").click()
            flags = p.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#flags article.flag"))
            check(len(flags) >= 5, f"the screening lists flags ({len(flags)})")
            first = flags[0]
            check(len(first.find_elements(By.CSS_SELECTOR, ".why li")) >= 2, "each flag is explained by its reports")
            check("NY" in first.text, "flags new since the last run are marked")
            draft = first.find_element(By.PARTIAL_LINK_TEXT, "Åbn udkast").get_attribute("href")
            driver.save_screenshot(os.path.join(a.out, "phone-screening.png"))
            driver.get(draft)
            check("underretning" in driver.page_source.lower(), "the draft socialrapport opens")
            driver.back()

            # Another district's officer: the same number finds nothing, and no report of Nordjylland shows.
            p.visible("#logout").click()
            p.login("betjent.bornholm")
            card = p.search("020276-0945", "#family-card")
            check("Intet fundet" in card.text and "Noah Nielsen" not in card.text, "another district sees nothing of the family")
            hits = p.search("vold", "#results h3")
            text = driver.find_element(By.ID, "results").text
            check("nordjylland" not in text and "Noah Nielsen" not in text, "nor of its reports")
            driver.save_screenshot(os.path.join(a.out, "phone-other-district.png"))
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("screenshots in", a.out)


if __name__ == "__main__":
    main()
