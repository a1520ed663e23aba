/*
 * The native peers of bench/side-by-side.sh, loaded by the benchmark process with P/Invoke.
 *
 *   xer_libfdt_tag_walk   every token with libfdt's fdt_next_tag, touching names and values through libfdt
 *   xer_plain_walk        the same walk with no library: a loop over the tokens that checks what FdtReader checks
 *   xer_libfdt_full_walk  libfdt's node walk (fdt_next_node) with every property (fdt_first/next_property_offset,
 *                         fdt_getprop_by_offset), touching each name and the first byte of each value
 *
 * Each returns a checksum (>= 0) or a negative number on a malformed blob: -(1 + offset) for the plain loop,
 * a libfdt error code (-FDT_ERR_...) for the others. Build: gcc -O2 -shared -fPIC fdtpeer.c -lfdt
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <libfdt.h>

long long xer_libfdt_tag_walk(const void *fdt, size_t size)
{
    if (size < sizeof(struct fdt_header) || fdt_check_header(fdt) != 0 || fdt_totalsize(fdt) > size)
        return -FDT_ERR_BADSTRUCTURE;

    long long sum = 0;
    int offset = 0, next = 0;
    for (;;) {
        uint32_t tag = fdt_next_tag(fdt, offset, &next);
        if (next < 0)
            return next;
        if (tag == FDT_END)
            return sum;
        if (tag == FDT_BEGIN_NODE) {
            int len = 0;
            if (!fdt_get_name(fdt, offset, &len))
                return len;
            sum += len;
        } else if (tag == FDT_PROP) {
            int len = 0, name_len = 0;
            const struct fdt_property *prop = fdt_get_property_by_offset(fdt, offset, &len);
            if (!prop)
                return len;
            if (!fdt_get_string(fdt, (int)fdt32_to_cpu(prop->nameoff), &name_len))
                return name_len;
            sum += len + name_len;
        }
        offset = next;
    }
}

static inline uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

#define FAIL(at) return -1 - (long long)(at)

/* No library: header bounds, then every token checked as FdtReader checks it (tag fits, name NUL inside the block,
 * padding inside the block, depth limit, one root, PROP header and value inside the block, name offset inside the
 * strings block with a NUL there and a non-empty name, balanced nodes, nothing after END for version 17).
 * Versions before 16 (full-path names, 8-byte aligned values) are refused rather than read. */
long long xer_plain_walk(const uint8_t *blob, size_t size)
{
    enum { MAX_DEPTH = 1024 };
    if (size < 40 || be32(blob) != 0xd00dfeedu)
        FAIL(0);
    uint32_t total = be32(blob + 4), off_struct = be32(blob + 8), off_strings = be32(blob + 12);
    uint32_t version = be32(blob + 20), size_strings = be32(blob + 32), size_struct = be32(blob + 36);
    if (total > size || version < 16 || (off_struct & 3) != 0)
        FAIL(4);
    if ((uint64_t)off_struct + size_struct > total || (uint64_t)off_strings + size_strings > total)
        FAIL(8);

    const uint8_t *strings = blob + off_strings;
    size_t pos = off_struct, end = (size_t)off_struct + size_struct;
    int depth = 0, saw_root = 0;
    long long sum = 0;
    for (;;) {
        if (end - pos < 4)
            FAIL(pos);
        uint32_t tag = be32(blob + pos);
        switch (tag) {
        case FDT_BEGIN_NODE: {
            if (depth == 0 && saw_root)
                FAIL(pos);
            const uint8_t *name = blob + pos + 4;
            const uint8_t *nul = memchr(name, 0, end - (pos + 4));
            if (!nul)
                FAIL(pos + 4);
            size_t next = ((size_t)(nul + 1 - blob) + 3) & ~(size_t)3;
            if (next > end || depth >= MAX_DEPTH)
                FAIL(pos);
            sum += nul - name;
            saw_root = 1;
            depth++;
            pos = next;
            break;
        }
        case FDT_END_NODE:
            if (depth == 0)
                FAIL(pos);
            depth--;
            pos += 4;
            break;
        case FDT_PROP: {
            if (depth == 0 || end - pos < 12)
                FAIL(pos);
            uint32_t len = be32(blob + pos + 4), nameoff = be32(blob + pos + 8);
            size_t value = pos + 12;
            if (len > end - value)
                FAIL(pos + 4);
            if (nameoff >= size_strings)
                FAIL(pos + 8);
            const uint8_t *nul = memchr(strings + nameoff, 0, size_strings - nameoff);
            if (!nul || nul == strings + nameoff)
                FAIL(pos + 8);
            sum += len + (nul - (strings + nameoff));
            pos = (value + len + 3) & ~(size_t)3;
            if (pos > end + 4)
                pos = end + 4;
            break;
        }
        case FDT_NOP:
            pos += 4;
            break;
        case FDT_END:
            if (depth != 0 || !saw_root)
                FAIL(pos);
            if (version >= 17 && pos + 4 != end)
                FAIL(pos + 4);
            return sum;
        default:
            FAIL(pos);
        }
    }
}

long long xer_libfdt_full_walk(const void *fdt, size_t size)
{
    if (size < sizeof(struct fdt_header) || fdt_check_header(fdt) != 0 || fdt_totalsize(fdt) > size)
        return -FDT_ERR_BADSTRUCTURE;

    long long sum = 0;
    int node;
    for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
        int len = 0, prop;
        if (!fdt_get_name(fdt, node, &len))
            return len;
        sum += len;
        fdt_for_each_property_offset(prop, fdt, node) {
            const char *name = NULL;
            const uint8_t *value = fdt_getprop_by_offset(fdt, prop, &name, &len);
            if (!value)
                return len;
            sum += len + (long long)strlen(name) + (len > 0 ? value[0] : 0);
        }
        if (prop != -FDT_ERR_NOTFOUND)
            return prop;
    }

    return node == -FDT_ERR_NOTFOUND ? sum : node;
}
