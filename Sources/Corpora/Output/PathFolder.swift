/// The folder part of a path, computed on the string.
///
/// `NSString.deletingLastPathComponent` traps in swift-foundation 6.3 on a path of one character
/// (`a`, `-`, `.`) and on one character and a slash (`a/`), so `tagcli tag -o t` crashed. This
/// gives what it gives for every other path.
public enum PathFolder {
  /// The path without its last component: `a/b` → `a`, `/a` → `/`, `a` → `` (the current
  /// folder), `a/` → ``, `/` → `/`; repeated and trailing slashes are folded as Foundation does.
  public static func of(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard trimmed != "/" else { return "/" }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    var folder = trimmed[..<slash]
    while folder.hasSuffix("/") { folder = folder.dropLast() }
    return folder.isEmpty ? "/" : String(folder)
  }
}
