import Foundation

/// Ctrl-C handling for long work: the first SIGINT sets a flag that the trainer polls between
/// batches; a second one ends the process at once.
enum Interruption {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0

  /// Installs the handler.
  static func install() {
    // A parent may have left SIGINT blocked (signal masks survive exec): unblock it.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigprocmask(SIG_UNBLOCK, &signals, nil)
    signal(SIGINT) { _ in
      Interruption.flag = 1
      signal(SIGINT, SIG_DFL)
    }
  }

  /// Whether SIGINT arrived.
  static var isRequested: Bool { flag != 0 }
}
