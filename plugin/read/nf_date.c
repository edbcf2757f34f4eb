/* Dates are parsed with strptime (month names from the C locale) and
 * checked for range; only the time-zone suffix is read by hand, because
 * strptime's %z differs between C libraries. */
/* strptime is an X/Open interface. */
#define _XOPEN_SOURCE 700

#include "read/nf_date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct date_form {
    const char *format;
    int has_time;
} date_form;

/* Longest forms first: strptime stops at the first mismatch and the rest
 * must be a time zone or nothing. */
static const date_form forms[] = {
    {"%Y-%m-%dT%H:%M:%S", 1}, {"%Y-%m-%dT%H:%M", 1},
    {"%Y-%m-%d %H:%M:%S", 1}, {"%Y-%m-%d %H:%M", 1},
    {"%Y-%m-%d", 0}, {"%Y/%m/%d %H:%M:%S", 1}, {"%Y/%m/%d", 0},
    {"%a, %d %b %Y %H:%M:%S", 1}, {"%a, %d %b %Y %H:%M", 1},
    {"%d %b %Y %H:%M:%S", 1}, {"%d %b %Y", 0},
    {"%a %b %d, %Y", 0}, {"%b %d, %Y", 0}, {"%b. %d, %Y", 0},
    {"%A, %B %d, %Y", 0}, {"%B %d %Y", 0},
};

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* Parse the zone after a time: "", "Z", "UTC", "GMT", "+HH", "+HHMM",
 * "+HH:MM" (optionally after fractional seconds).  Writes "", "Z" or
 * "+HH:MM" to ZONE; returns 0 when REST is something else. */
static int parse_zone(const char *rest, char zone[8])
{
    if (*rest == '.' || *rest == ',') { /* fractions of a second: dropped */
        rest++;
        if (!isdigit((unsigned char)*rest))
            return 0;
        while (isdigit((unsigned char)*rest))
            rest++;
    }
    while (*rest == ' ')
        rest++;
    zone[0] = '\0';
    if (*rest == '\0')
        return 1;
    if (strcasecmp(rest, "Z") == 0 || strcasecmp(rest, "UTC") == 0 ||
        strcasecmp(rest, "GMT") == 0) {
        strcpy(zone, "Z");
        return 1;
    }
    if (*rest != '+' && *rest != '-')
        return 0;
    const char *d = rest + 1;
    size_t n = strlen(d);
    int hh, mm = 0;
    if (n == 2 && isdigit((unsigned char)d[0]) && isdigit((unsigned char)d[1])) {
        hh = (d[0] - '0') * 10 + (d[1] - '0');
    } else if ((n == 4 || (n == 5 && d[2] == ':'))) {
        const char *m = d + (n == 5 ? 3 : 2);
        if (!isdigit((unsigned char)d[0]) || !isdigit((unsigned char)d[1]) ||
            !isdigit((unsigned char)m[0]) || !isdigit((unsigned char)m[1]))
            return 0;
        hh = (d[0] - '0') * 10 + (d[1] - '0');
        mm = (m[0] - '0') * 10 + (m[1] - '0');
    } else {
        return 0;
    }
    if (hh > 14 || mm > 59)
        return 0;
    if (hh == 0 && mm == 0) {
        strcpy(zone, "Z");
        return 1;
    }
    zone[0] = *rest;
    zone[1] = (char)('0' + hh / 10);
    zone[2] = (char)('0' + hh % 10);
    zone[3] = ':';
    zone[4] = (char)('0' + mm / 10);
    zone[5] = (char)('0' + mm % 10);
    zone[6] = '\0';
    return 1;
}

char *nf_date_normalise(const char *text)
{
    if (!text)
        return NULL;
    while (isspace((unsigned char)*text))
        text++;
    char buf[64];
    size_t n = strlen(text);
    while (n && isspace((unsigned char)text[n - 1]))
        n--;
    if (n == 0 || n >= sizeof buf)
        return NULL;
    memcpy(buf, text, n);
    buf[n] = '\0';
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        const char *rest = strptime(buf, forms[f].format, &tm);
        if (!rest)
            continue;
        char zone[8] = "";
        if (forms[f].has_time ? !parse_zone(rest, zone) : *rest != '\0')
            continue;
        int year = tm.tm_year + 1900, month = tm.tm_mon + 1;
        if (year < 1000 || year > 9999 || month < 1 || month > 12 ||
            tm.tm_mday < 1 || tm.tm_mday > days_in_month(year, month) ||
            tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
            continue;
        char out[96]; /* room for any int, to keep the compiler's checks quiet */
        if (forms[f].has_time)
            snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%s", year,
                     month, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
        else
            snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, tm.tm_mday);
        return strdup(out);
    }
    return NULL;
}
