/**
 * Hexo glue: every date is computed in the site's time zone (`timezone:` in _config.yml), on every machine.
 *
 * Hexo reads a front-matter date such as `2026-12-01 05:13:31` in the site's time zone, but formats the
 * permalink (`:year/:month/:day`) and the archive folders, and writes the date of `hexo new`, with the
 * machine's clock. On a UTC machine (the Pages workflow) a post written at 05:13 in Shanghai was shown as
 * 2026-12-01 and published at /2026/11/30/. Hexo loads this file before it reads any post or runs any
 * command, so setting the process's time zone here makes all of them agree.
 */

const { timezone } = hexo.config;

if (timezone) {
  if (isTimeZone(timezone)) {
    process.env.TZ = timezone;
  } else {
    hexo.log.error(
      `_config.yml: timezone "${timezone}" is not a time zone name such as Asia/Shanghai or UTC. ` +
        'Fix it (names: https://en.wikipedia.org/wiki/List_of_tz_database_time_zones), or delete the line ' +
        "to use this computer's time zone (then URLs depend on the machine that builds).",
    );
  }
}

function isTimeZone(name) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: String(name) });
    return true;
  } catch {
    return false;
  }
}
