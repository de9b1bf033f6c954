/* FOR TESTS UNDER WINE ONLY — never shipped. Debian's wine 8 has no bcryptprimitives.dll,
 * whose ProcessPrng Rust's standard library imports on Windows (every real Windows 10/11 has
 * it). This stub exports ProcessPrng and forwards to advapi32's SystemFunction036
 * (RtlGenRandom), so scripts/package.sh --check can run kartoteka.exe under wine. */
#include <windows.h>

typedef BOOLEAN(WINAPI *rtl_gen_random)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static rtl_gen_random gen;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        gen = (rtl_gen_random)GetProcAddress(advapi, "SystemFunction036");
        if (!gen) return FALSE;
    }
    while (len > 0) {
        ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!gen(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
