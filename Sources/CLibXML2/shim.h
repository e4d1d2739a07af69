// libxml2 built with ICU includes ICU's headers from its own, and they clash with the copy of
// ICU inside Foundation (_FoundationICU). Nothing here uses ICU's converters, so the import
// sees libxml2 without them; only pointers to the converter struct cross into Swift.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
