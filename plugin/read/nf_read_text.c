/* Plain-text articles: the file is the text, its first line the title. */
#include "read/nf_read_internal.h"

#include "core/nf_buf.h"
#include "core/nf_error.h"
#include "read/nf_utf8_clean.h"

/* White space within a line. */
static int is_blank_char(char c)
{
    return c != '\n' && nf_is_space(c);
}

int nf_read_first_line_title(nf_meta *meta, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        size_t a = i, b = end;
        while (a < b && is_blank_char(text[a]))
            a++;
        size_t hashes = a;
        while (hashes < b && text[hashes] == '#')
            hashes++;
        if (hashes > a && hashes < b && is_blank_char(text[hashes]))
            for (a = hashes; a < b && is_blank_char(text[a]); a++)
                ;
        while (b > a && is_blank_char(text[b - 1]))
            b--;
        if (a < b) {
            if (b - a > NF_TITLE_MAX_BYTES) {
                b = a + NF_TITLE_MAX_BYTES;
                /* cut before a character, not inside one */
                while (b > a && ((unsigned char)text[b] & 0xc0) == 0x80)
                    b--;
            }
            return nf_meta_offer(&meta->title, text + a, b - a);
        }
        i = end + 1;
    }
    return NF_OK;
}

int nf_read_text(nf_read_run *run, const char *path, const char *raw,
                 size_t raw_len, const char *text, size_t text_len)
{
    size_t bom = nf_utf8_bom_len(text, text_len);
    nf_meta meta = NF_META_INIT;
    int rc = nf_read_first_line_title(&meta, text + bom, text_len - bom);
    if (rc == NF_OK)
        rc = nf_read_emit(run, path, 0, NF_FORMAT_TEXT, NULL, &meta,
                          text + bom, text_len - bom, raw, raw_len);
    nf_meta_free(&meta);
    return rc;
}
