#!/usr/bin/env python3
"""Differential test of the policy layer's regexp: and pcre: tables against the engines Postfix
uses: glibc's regcomp/regexec (REG_EXTENDED | REG_ICASE, C locale) and PCRE2's pcre2_match
(CASELESS | DOTALL, no UTF mode), called through ctypes.

Random patterns (bytes, classes, POSIX classes, escapes, bounded and unbounded repetition, lazy
quantifiers and non-capturing groups for PCRE, alternation, anchors) and random keys go to
`examples/policy_table_probe.rs`; every answer must equal the engine's, or be a refusal.

    python3 scripts/policy_regex_differential.py [CASES] [SEED]

Modes: `cap` rules substitute `[$1|$2]` (two groups, so the groups' text must agree);
`match` rules answer `yes` (only match or no match counts). Exits 1 on any difference.
"""
import ctypes
import random
import subprocess
import sys

CASES = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 1

libc = ctypes.CDLL("libc.so.6")


class RegMatch(ctypes.Structure):
    _fields_ = [("rm_so", ctypes.c_int), ("rm_eo", ctypes.c_int)]


REG_EXTENDED, REG_ICASE = 1, 2
REGEX_T = ctypes.create_string_buffer(512)


def posix(pattern, key, match):
    if libc.regcomp(REGEX_T, pattern.encode(), REG_EXTENDED | REG_ICASE) != 0:
        return "compile-error"
    nsub = ctypes.cast(REGEX_T, ctypes.POINTER(ctypes.c_size_t))[1]  # glibc: re_nsub follows the buffer pointer
    m = (RegMatch * 3)()
    r = libc.regexec(REGEX_T, key.encode(), 3, m, 0)
    libc.regfree(REGEX_T)
    if match:
        return "found:yes" if r == 0 else "none"
    if nsub < 2:
        return "skip"
    if r != 0:
        return "none"
    group = lambda i: "" if m[i].rm_so < 0 else key[m[i].rm_so:m[i].rm_eo]
    return "found:[%s|%s]" % (group(1), group(2))


pcre2 = ctypes.CDLL("libpcre2-8.so.0")
pcre2.pcre2_compile_8.restype = ctypes.c_void_p
pcre2.pcre2_compile_8.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32,
                                  ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p]
pcre2.pcre2_match_data_create_from_pattern_8.restype = ctypes.c_void_p
pcre2.pcre2_match_data_create_from_pattern_8.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
pcre2.pcre2_match_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t,
                                ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p]
pcre2.pcre2_get_ovector_pointer_8.restype = ctypes.POINTER(ctypes.c_size_t)
pcre2.pcre2_get_ovector_pointer_8.argtypes = [ctypes.c_void_p]
pcre2.pcre2_pattern_info_8.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
CASELESS, DOTALL, CAPTURECOUNT, UNSET = 0x8, 0x20, 4, (1 << 64) - 1


def pcre(pattern, key, match):
    err, off = ctypes.c_int(), ctypes.c_size_t()
    raw = pattern.encode()
    code = pcre2.pcre2_compile_8(raw, len(raw), CASELESS | DOTALL, ctypes.byref(err), ctypes.byref(off), None)
    if not code:
        return "compile-error"
    groups = ctypes.c_uint32()
    pcre2.pcre2_pattern_info_8(code, CAPTURECOUNT, ctypes.byref(groups))
    data = pcre2.pcre2_match_data_create_from_pattern_8(code, None)
    subject = key.encode()
    r = pcre2.pcre2_match_8(code, subject, len(subject), 0, 0, data, None)
    if match:
        return "found:yes" if r > 0 else "none"
    if groups.value < 2:
        return "skip"
    if r <= 0:
        return "none"
    ov = pcre2.pcre2_get_ovector_pointer_8(data)
    group = lambda i: "" if i >= r or ov[2 * i] == UNSET else subject[ov[2 * i]:ov[2 * i + 1]].decode()
    return "found:[%s|%s]" % (group(1), group(2))


def patterns(rng, pcre_syntax, mode):
    atoms = ["a", "b", "B", "[ab]", "[^a]", ".", "\\.", "x", "[[:alpha:]]", "[a-c]", "@"]
    quantifiers = ["", "", "?", "*", "+", "{2}", "{1,2}"]
    if pcre_syntax:
        atoms += ["\\w", "\\d", "(?:ab|a)"]
        quantifiers += ["*?", "+?", "??"]
    else:
        quantifiers += ["{,2}"]
    for _ in range(CASES):
        parts, groups = [], 0
        for _ in range(rng.randint(2, 6)):
            if rng.random() < 0.4 and (mode == "match" or pcre_syntax or groups < 2):
                inner = "".join(rng.choice(atoms) + rng.choice(quantifiers) for _ in range(rng.randint(1, 2)))
                if (mode == "match" or pcre_syntax) and rng.random() < 0.3:
                    inner += "|" + rng.choice(atoms) + rng.choice(quantifiers)
                repeat = rng.choice(["", "", "*", "?", "+"]) if (mode == "match" or pcre_syntax) else ""
                parts.append("(" + inner + ")" + repeat)
                groups += 1
            else:
                parts.append(rng.choice(atoms) + rng.choice(quantifiers))
        if mode == "cap" and groups < 2:
            parts.append("(.*)" * (2 - groups))
        pattern = "".join(parts)
        if rng.random() < 0.4:
            pattern = "^" + pattern
        if rng.random() < 0.4:
            pattern += "$"
        key = "".join(rng.choice("abAB@.xc1") for _ in range(rng.randint(0, 7)))
        yield pattern, key


def main():
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "policy_table_probe",
                    "--features", "regex"], check=True)
    failed = False
    for engine, check in (("regexp", posix), ("pcre", pcre)):
        for mode in ("cap", "match"):
            rng = random.Random(SEED)
            cases = list(patterns(rng, engine == "pcre", mode))
            kind = engine + ("-match" if mode == "match" else "")
            stdin = "".join("%s\t%s\t%s\n" % (kind, p, k) for p, k in cases)
            out = subprocess.run(["target/release/examples/policy_table_probe"], input=stdin,
                                 capture_output=True, text=True, check=True).stdout.splitlines()
            counts = {"agree": 0, "refused": 0, "skipped": 0, "differ": 0}
            for (pattern, key), ours in zip(cases, out):
                theirs = check(pattern, key, mode == "match")
                if "skip" in (ours, theirs):
                    counts["skipped"] += 1
                elif ours.startswith("err:"):
                    counts["refused"] += 1
                elif ours == theirs:
                    counts["agree"] += 1
                else:
                    counts["differ"] += 1
                    failed = True
                    print("DIFFER %s %s: %r on %r: engine %s, crate %s" % (engine, mode, pattern, key, theirs, ours))
            print("%s %s: %s" % (engine, mode, counts))
    sys.exit(1 if failed else 0)


main()
