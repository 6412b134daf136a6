// libxml2's encoding.h includes ICU's <unicode/ucnv.h> only to name `UConverter` in a struct we
// never touch. Those system ICU headers clash with the copy inside Foundation (clang reports
// "UErrorCode has different definitions"), so the header is skipped and the type declared opaque.
#define UCNV_H 1
typedef struct UConverter UConverter;
typedef unsigned short UChar;  // ICU's UTF-16 code unit: same size and layout

#include <libxml/xmlreader.h>
#include <libxml/xmlsave.h>

/// `xmlFree` is a C global function pointer that Swift 6 rejects as not concurrency-safe.
static inline void tagger_xmlFree(void *pointer) { xmlFree(pointer); }
