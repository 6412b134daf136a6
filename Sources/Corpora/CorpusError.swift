import Foundation

/// A problem with an input corpus: a file that cannot be read or whose content breaks its format.
///
/// The description follows compiler style, `<file>:<line>[:<column>]: <what is wrong>`, so editors
/// can jump to the place.
public struct CorpusError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// A line has the wrong number of fields.
    case raggedLine(expected: Int, found: Int)
    /// A token ID breaks the sequence `1, 2, 3, …` (or a range / empty node is out of place).
    case badID(expected: String, found: String)
    /// Bytes that are not valid UTF-8.
    case invalidUTF8
    /// A file that is not UTF-8 text at all, recognised from its first bytes (UTF-16, gzip, a
    /// model file): what it is and how to get text from it.
    case notText(String)
    /// A NUL byte (U+0000): valid UTF-8, but no text holds it, and UTF-16 text without a byte
    /// order mark has one in every other byte.
    case nulByte
    /// A carriage return inside a line (one before the line feed is part of the line break): a
    /// file whose lines end in CR alone would otherwise be read as one line.
    case carriageReturn
    /// A token whose word form is empty.
    case emptyForm
    /// The tag layer asked for does not exist in the input.
    case missingTagLayer(LayerSelector)
    /// A token has no value for the tag layer.
    case missingTag(String)
    /// A comment line where the format does not allow one.
    case misplacedComment
    /// Malformed XML, with libxml2's own diagnosis.
    case malformedXML(String)
    /// An XML token element lacks a required attribute.
    case missingAttribute(element: String, attribute: String)
    /// The format cannot be detected or is not supported.
    case unknownFormat(String)
    /// The file cannot be opened, read or written.
    case io(String)
    /// Any other violation of the format, described in words.
    case invalidContent(String)
    /// A line of a whitespace-separated column file has a different number of columns than the
    /// file's first line (or the column names given).
    case columnCount(expected: Int, found: Int)
    /// A sentence without a label where one is required; the text says where labels are.
    case missingLabel(lookedFor: String)
    /// A file without any sentence label where labels are required.
    case noLabels(lookedFor: String)
  }

  /// What went wrong.
  public var kind: Kind
  /// The file's path as the user gave it (`<stdin>` for standard input).
  public var file: String
  /// The 1-based line, when known.
  public var line: Int?
  /// The 1-based column (in bytes), when it helps.
  public var column: Int?
  /// The offending text, quoted in the message (cut to 60 characters).
  public var excerpt: String?

  /// Creates an error.
  public init(
    _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, excerpt: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.excerpt = excerpt
  }

  /// The message without its location prefix.
  public var message: String {
    var text: String
    switch kind {
    case .raggedLine(let expected, let found):
      text = "expected \(expected) tab-separated fields, found \(found)"
    case .badID(let expected, let found):
      text = "bad token ID: expected \(expected), found \"\(found)\""
    case .invalidUTF8:
      text = "invalid UTF-8 (the input must be UTF-8; iconv -f LATIN1 -t UTF-8 converts Latin-1)"
    case .notText(let what): text = "not UTF-8 text but \(what)"
    case .carriageReturn:
      text =
        "a carriage return inside the line (a file whose lines end in CR alone reads as one "
        + "line; tr '\\r' '\\n' converts it)"
    case .nulByte:
      text =
        "a NUL byte, which UTF-8 text does not hold (UTF-16 text has one in every other byte; "
        + "iconv -f UTF-16LE -t UTF-8 converts it)"
    case .emptyForm: text = "empty word form"
    case .missingTagLayer(.default): text = "no tag layer: the words are its only column"
    case .missingTagLayer(let layer): text = "no tag layer \"\(layer)\""
    case .missingTag("upos"):
      text = "token has no value for tag layer \"upos\" (empty or _, which is no UPOS tag)"
    case .missingTag(let layer): text = "token has no value for tag layer \"\(layer)\""
    case .misplacedComment: text = "comment line inside a sentence"
    case .malformedXML(let diagnosis): text = "malformed XML: \(diagnosis)"
    case .missingAttribute(let element, let attribute):
      text = "<\(element)> element has no \"\(attribute)\" attribute"
    case .unknownFormat(let what): text = what
    case .io(let what): text = what
    case .invalidContent(let what): text = what
    case .columnCount(let expected, let found):
      text = "expected \(expected) columns like the first line, found \(found)"
    case .missingLabel(let lookedFor): text = "sentence has no label (looked for \(lookedFor))"
    case .noLabels(let lookedFor): text = "no sentence labels (looked for \(lookedFor))"
    }
    if let excerpt {
      text += ": \"\(CorpusError.shorten(excerpt))\""
    }
    return text
  }

  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): \(message)"
  }

  /// Whether the error is about the content (and lenient mode may skip it), not I/O.
  public var isContentError: Bool {
    switch kind {
    case .io, .notText: return false  // the whole file is wrong, not one sentence
    default: return true
    }
  }

  /// Cuts `text` to 60 characters and escapes tabs, so a message stays on one readable line.
  static func shorten(_ text: String) -> String {
    let escaped = text.replacingOccurrences(of: "\t", with: "\\t")
      .replacingOccurrences(of: "\n", with: "\\n")
    if escaped.count <= 60 { return escaped }
    return String(escaped.prefix(59)) + "…"
  }
}
