internal import CLibXML2
import Foundation

/// The kinds of node the pull reader reports; everything the dialect readers ignore is `.other`.
enum XMLNodeKind: Equatable {
  case element
  case endElement
  /// Character data (text or CDATA).
  case text
  /// Whitespace-only character data between elements.
  case whitespace
  /// An entity reference left unexpanded (the reader never substitutes entities).
  case entityReference
  case other
}

/// A small Swift pull API over libxml2's `xmlTextReader`, the only place that touches libxml2.
///
/// The reader never substitutes entities (`XML_PARSE_NOENT` off), never loads a DTD or an external
/// entity, never touches the network (`XML_PARSE_NONET`) and never repairs broken input (no
/// `RECOVER`, `NOERROR`, `NOWARNING`). Every libxml2 error goes to a handler that turns it into a
/// thrown `CorpusError(.malformedXML(…))` with file and line; libxml2 prints nothing. Entity
/// expansion bombs and nesting deeper than libxml2's limit (256 levels without `XML_PARSE_HUGE`)
/// end in such an error. Strings come out as UTF-8 whatever the declared encoding.
final class LibXML2Reader {
  /// The path as the user gave it, for error messages (`<stdin>` for `-`).
  let path: String
  private let reader: xmlTextReaderPtr
  /// The first error libxml2 reported and that has not been thrown yet.
  private var pendingError: (message: String, line: Int)?
  /// Interned libxml2 names (element, attribute, namespace) with small integer IDs.
  private var names = InternedNames()

  /// The parser options: no network, large line numbers; nothing that substitutes or repairs.
  private static let parserOptions = Int32(
    bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

  /// Initialises libxml2 once per process before the first reader opens.
  ///
  /// libxml2 2.9 sets up its tables (encoding handlers among them) lazily and without a lock, so
  /// two readers opened at once on different threads could both fill them; a Latin-1 file then
  /// crashed on a half-built handler list. `xmlInitParser` must run once before any threaded use,
  /// and a `static let` runs it exactly once (other threads wait for it).
  private static let parserInitialised: Bool = {
    xmlInitParser()
    return true
  }()

  /// Opens `path` (`-` reads standard input).
  ///
  /// - Throws: `CorpusError` of kind `.io` when the file does not exist or cannot be opened.
  init(path: String) throws {
    self.path = path == "-" ? "<stdin>" : path
    if path != "-" {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CorpusError(.io("no such file"), file: path)
      }
      guard !isDirectory.boolValue else { throw CorpusError(.io("is a directory"), file: path) }
      guard FileManager.default.isReadableFile(atPath: path) else {
        throw CorpusError(.io("cannot open file for reading"), file: path)
      }
    }
    _ = Self.parserInitialised
    guard let opened = xmlReaderForFile(path, nil, Self.parserOptions) else {
      throw CorpusError(.io("cannot open file for reading"), file: self.path)
    }
    reader = opened
    xmlTextReaderSetErrorHandler(
      reader, libxml2ErrorHandler, Unmanaged.passUnretained(self).toOpaque())
  }

  deinit {
    xmlFreeTextReader(reader)
  }

  /// Called by the C handler: keeps the first error, ignores warnings.
  ///
  /// The line is where the reader's parser stands: the locator's own line names the open element
  /// instead (line 6 for a `<w>` opened there and closed wrongly on line 7), and inside an entity
  /// libxml2 parses with a separate context whose lines start again at 1.
  fileprivate func record(message: String, isError: Bool) {
    guard isError, pendingError == nil else { return }
    let line = Int(xmlTextReaderGetParserLineNumber(reader))
    let cleaned = message.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      .joined(separator: " ")
    pendingError = (Self.translatingLibXML2Hints(cleaned), line)
  }

  /// `message` with hints that name libxml2's own flags, which a tagcli user cannot set,
  /// replaced by what the user can do.
  static func translatingLibXML2Hints(_ message: String) -> String {
    var text = message
    for hint in ["use XML_PARSE_HUGE option", "try XML_PARSE_HUGE option", "XML_PARSE_HUGE"]
    where text.contains(hint) {
      text = text.replacingOccurrences(
        of: hint,
        with: "the file exceeds the XML parser's safety limits (a huge text node or very deep "
          + "nesting); split the file into smaller documents")
      break
    }
    return text
  }

  /// Moves to the next node.
  ///
  /// - Returns: false at the end of the document.
  /// - Throws: `CorpusError` of kind `.malformedXML` with libxml2's diagnosis and line.
  func read() throws -> Bool {
    let status = xmlTextReaderRead(reader)
    try throwPendingError()
    if status < 0 {
      throw CorpusError(
        .malformedXML("parse error"), file: path,
        line: Int(xmlTextReaderGetParserLineNumber(reader)))
    }
    return status == 1
  }

  private func throwPendingError() throws {
    guard let error = pendingError else { return }
    pendingError = nil
    throw CorpusError(.malformedXML(error.message), file: path, line: error.line)
  }

  /// The kind of the current node.
  var kind: XMLNodeKind {
    switch UInt32(truncatingIfNeeded: xmlTextReaderNodeType(reader)) {
    case XML_READER_TYPE_ELEMENT.rawValue: return .element
    case XML_READER_TYPE_END_ELEMENT.rawValue: return .endElement
    case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue: return .text
    case XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue:
      return .whitespace
    case XML_READER_TYPE_ENTITY_REFERENCE.rawValue: return .entityReference
    default: return .other
    }
  }

  /// The ID of the current node's local name (see `name(_:)`).
  var localNameID: Int { names.id(of: xmlTextReaderConstLocalName(reader)) }

  /// The local name of the current node (`w` for `<tei:w>`).
  var localName: String {
    let id = localNameID  // first: it may add the name to the table
    return names.strings[id]
  }

  /// The namespace URI of the current node, or nil when it has none.
  var namespaceURI: String? {
    guard let uri = xmlTextReaderConstNamespaceUri(reader) else { return nil }
    let id = names.id(of: uri)
    return names.strings[id]
  }

  /// The name with ID `id`; IDs are stable for the reader's lifetime.
  func name(_ id: Int) -> String { names.strings[id] }

  /// The depth of the current node; the root element is at depth 0.
  var depth: Int { Int(xmlTextReaderDepth(reader)) }

  /// Whether the current element is written `<x/>` (no end-element node follows).
  var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// The text of the current text or whitespace node, empty for other nodes.
  var text: String {
    guard let value = xmlTextReaderConstValue(reader) else { return "" }
    return String(cString: value)
  }

  /// The 1-based line of the current node.
  ///
  /// libxml2 keeps element lines in 16 bits; beyond line 65,534 this is the parser's current
  /// line, which may run a few lines ahead of the node.
  var lineNumber: Int {
    if let node = xmlTextReaderCurrentNode(reader) {
      let line = xmlGetLineNo(node)
      if line > 0 && line < 65_535 { return line }
    }
    return Int(xmlTextReaderGetParserLineNumber(reader))
  }

  /// Calls `body` with the name ID (see `name(_:)`) and value of each attribute of the current
  /// element in document order; names are qualified (`xml:id`), namespace declarations are left
  /// out.
  ///
  /// - Throws: `CorpusError` for an attribute value that refers to an entity other than the five
  ///   predefined ones, since entities are never expanded; and whatever `body` throws.
  func forEachAttribute(_ body: (_ nameID: Int, _ value: String) throws -> Void) throws {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return }
    defer { xmlTextReaderMoveToElement(reader) }
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
      try rejectEntityReferencesInAttribute()
      let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
      try body(names.id(of: xmlTextReaderConstName(reader)), value)
    }
  }

  /// Throws when the current attribute's value holds an entity reference node.
  ///
  /// Without entity substitution libxml2 keeps `&name;` in an attribute as a reference node and
  /// `xmlTextReaderConstValue` would expand it (and silently return an empty value for a
  /// quadratic-blowup attack), so such values are rejected before they are read.
  private func rejectEntityReferencesInAttribute() throws {
    guard let attribute = xmlTextReaderCurrentNode(reader) else { return }
    var child = attribute.pointee.children
    while let node = child {
      if node.pointee.type == XML_ENTITY_REF_NODE {
        let entity = node.pointee.name.map { String(cString: $0) } ?? ""
        throw CorpusError(
          .invalidContent(
            "entity reference &\(entity); is not expanded (entities are not supported)"),
          file: path, line: lineNumber)
      }
      child = node.pointee.next
    }
  }

  /// Drops libxml2's table of the `xml:id` values seen so far.
  ///
  /// libxml2 keeps every `xml:id` of a document in a table until the end: memory grows with the
  /// file (about 200 bytes per id) and a TEI file with an id on every token read 5× slower. The
  /// dialect readers call this after each sentence so memory stays O(sentence). In reader mode
  /// the table's entries point to no node (the nodes are freed as the reader moves on), so
  /// nothing dangles. The price: a repeated `xml:id`, a validity error rather than a
  /// well-formedness one, is caught only within a sentence.
  func forgetIDs() {
    guard let node = xmlTextReaderCurrentNode(reader), let document = node.pointee.doc,
      let ids = document.pointee.ids
    else { return }
    xmlFreeIDTable(OpaquePointer(ids))
    document.pointee.ids = nil
  }

  /// Whether the current element has an attribute with qualified name `name`.
  func hasAttribute(_ name: String) -> Bool {
    let found = name.withCString { characters in
      characters.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) {
        xmlTextReaderMoveToAttribute(reader, $0)
      }
    }
    guard found == 1 else { return false }
    xmlTextReaderMoveToElement(reader)
    return true
  }

}

/// Small integer IDs for the names in libxml2's dictionary, with their Swift strings.
///
/// The dictionary gives each distinct name one pointer for the parser's lifetime, so the pointer
/// identifies the name: it is converted to a `String` once, and callers key tables by the ID
/// instead of hashing strings. The table grows like the dictionary itself, with the number of
/// distinct names.
private struct InternedNames {
  /// ID 0 is the empty name, given for a null pointer.
  private var pointers: [UnsafeRawPointer?] = [nil]
  private var ids: [UnsafeRawPointer: Int] = [:]
  private(set) var strings = [""]
  /// Names looked up by a linear scan before the hash table (a corpus uses a handful).
  private static let scannedCount = 16

  /// The ID of `pointer`'s name; a null pointer is the empty name.
  mutating func id(of pointer: UnsafePointer<xmlChar>?) -> Int {
    guard let pointer else { return 0 }
    let key = UnsafeRawPointer(pointer)
    for index in 0..<min(pointers.count, Self.scannedCount) where pointers[index] == key {
      return index
    }
    if let id = ids[key] { return id }
    let id = pointers.count
    pointers.append(key)
    strings.append(String(cString: pointer))
    ids[key] = id
    return id
  }
}

/// libxml2's error callback: forwards the message and line to the reader passed as `arg`.
private func libxml2ErrorHandler(
  arg: UnsafeMutableRawPointer?, message: UnsafePointer<CChar>?, severity: xmlParserSeverities,
  locator: xmlTextReaderLocatorPtr?
) {
  guard let arg else { return }
  let reader = Unmanaged<LibXML2Reader>.fromOpaque(arg).takeUnretainedValue()
  let text = message.map { String(cString: $0) } ?? "unknown error"
  let isError =
    severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR
  reader.record(message: text, isError: isError)
}
