#include <libxml/xmlreader.h>
#include <libxml/xmlsave.h>

/// `xmlFree` is a C global function pointer that Swift 6 rejects as not concurrency-safe.
static inline void tagger_xmlFree(void *pointer) { xmlFree(pointer); }
