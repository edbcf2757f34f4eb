/* Unit tests for the shared helpers: buffers, JSON strings, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/nf_buf.h"
#include "core/nf_error.h"

static void buf_grows_and_terminates(void **state)
{
    (void)state;
    nf_buf b = NF_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        assert_int_equal(nf_buf_printf(&b, "%d,", i % 10), NF_OK);
    assert_int_equal(b.len, 2000);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data, "0,1,2,", 6);
    nf_buf_free(&b);
}

static void json_string_escapes(void **state)
{
    (void)state;
    nf_buf b = NF_BUF_INIT;
    const char in[] = "a\"b\\c\n\x01\xe2\x80\x99";
    assert_int_equal(nf_buf_json_string(&b, in, sizeof in - 1), NF_OK);
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001\xe2\x80\x99\"");
    nf_buf_free(&b);
}

static void errors_are_kept_and_wrapped(void **state)
{
    (void)state;
    nf_clear_error();
    assert_int_equal(nf_errcode(), NF_OK);
    assert_int_equal(nf_set_error(NF_EINPUT, "line %d: bad", 7), NF_EINPUT);
    assert_int_equal(nf_wrap_error(NF_EINPUT, "%s", "a.jsonl"), NF_EINPUT);
    assert_string_equal(nf_errmsg(), "a.jsonl: line 7: bad");
    assert_string_equal(nf_status_name(nf_errcode()), "NF_EINPUT");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_and_terminates),
        cmocka_unit_test(json_string_escapes),
        cmocka_unit_test(errors_are_kept_and_wrapped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
