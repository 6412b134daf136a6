import Foundation
import Testing

@testable import Corpora

/// `PathFolder.of`: Foundation's folder of a path, without its trap on one-character paths.
@Suite struct PathFolderTests {
  @Test(arguments: [
    ("a", ""), ("-", ""), (".", ""), ("a/", ""), ("~", ""), ("ab", ""), ("a/b", "a"),
    ("/a", "/"), ("/", "/"), ("//", "/"), ("a//b", "a"), ("a/b/", "a"), ("./-", "."),
    ("/x/y/z.tagger", "/x/y"), ("../m", ".."), ("", ""),
  ])
  func theFolderOfAPath(path: String, folder: String) {
    #expect(PathFolder.of(path) == folder)
  }

  @Test(arguments: [
    "ab", "a/b", "/a", "/", "a//b", "a/b/", "./-", "/x/y/z.tagger", "../m", "",
  ])
  func agreesWithFoundationWhereFoundationDoesNotTrap(path: String) {
    #expect(PathFolder.of(path) == (path as NSString).deletingLastPathComponent)
  }
}
