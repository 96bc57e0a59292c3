-- The weekly screening of docs/screening.md as ONE SQLite query, for
-- bench/family_screen.sh (issue 11) on the tables bench/family_screen_sql.py
-- loads. The as-of date is the parameter :as_of ('YYYY-MM-DD'); dates are
-- ISO text, so they compare as text. Default settings of config/screening.conf:
-- acting roles sigtet/involveret, 2 reports within 365 days, adult 18, child
-- under 18; report_concept holds only affirmed risk concepts (every concept
-- of the rule), so "has a row there" is "mentions a concept of the rule".
--
-- Age on day d of someone born on b, as core/date.cc's age_on: the difference
-- of the years, one less before the birthday (month-day compared as text; a
-- 29 February birthday is reached on 1 March in common years):
--   year(d) - year(b) - (mm-dd of d < mm-dd of b)
-- Output: cpr, address_id, pattern_date (the latest pattern at that address).
WITH
-- 1. Qualifying reports per subject: on or before the as-of date, an affirmed
--    risk concept, the subject acting in it and adult on its date. A report
--    naming the subject twice is one report (DISTINCT).
qualifying AS MATERIALIZED (
  SELECT DISTINCT rp.cpr, r.id AS report_id, r.occurred
  FROM report_person AS rp
  JOIN reports AS r ON r.id = rp.report_id
  JOIN persons AS p ON p.cpr = rp.cpr
  WHERE rp.role IN ('sigtet', 'involveret')
    AND r.occurred <= :as_of
    AND EXISTS (SELECT 1 FROM report_concept AS c WHERE c.report_id = r.id)
    AND CAST(substr(r.occurred, 1, 4) AS INTEGER) - CAST(substr(p.birth, 1, 4) AS INTEGER)
        - (substr(r.occurred, 6, 5) < substr(p.birth, 6, 5)) >= 18
),
-- 2. Patterns: a later report's date with at least 2 distinct qualifying
--    reports dated within 365 days before it (later - earlier <= 365; the
--    same day counts, the later report itself included).
pattern AS MATERIALIZED (
  SELECT later.cpr, later.occurred AS pattern_date
  FROM (SELECT DISTINCT cpr, occurred FROM qualifying) AS later
  JOIN qualifying AS q
    ON q.cpr = later.cpr AND q.occurred BETWEEN date(later.occurred, '-365 days') AND later.occurred
  GROUP BY later.cpr, later.occurred
  HAVING COUNT(DISTINCT q.report_id) >= 2
)
-- 3. On the pattern's date the subject is registered at an address (from and
--    to inclusive, to NULL: still there) where a child under 18 that day is
--    registered too. One flag per subject and address: the latest pattern.
SELECT pt.cpr, home.address_id, MAX(pt.pattern_date) AS pattern_date
FROM pattern AS pt
JOIN residents AS home
  ON home.cpr = pt.cpr
 AND home.from_date <= pt.pattern_date AND (home.to_date IS NULL OR pt.pattern_date <= home.to_date)
WHERE EXISTS (
  SELECT 1
  FROM residents AS kid
  JOIN persons AS kp ON kp.cpr = kid.cpr
  WHERE kid.address_id = home.address_id
    AND kid.cpr <> pt.cpr
    AND kid.from_date <= pt.pattern_date AND (kid.to_date IS NULL OR pt.pattern_date <= kid.to_date)
    AND CAST(substr(pt.pattern_date, 1, 4) AS INTEGER) - CAST(substr(kp.birth, 1, 4) AS INTEGER)
        - (substr(pt.pattern_date, 6, 5) < substr(kp.birth, 6, 5)) < 18
)
GROUP BY pt.cpr, home.address_id
ORDER BY pt.cpr, home.address_id;
