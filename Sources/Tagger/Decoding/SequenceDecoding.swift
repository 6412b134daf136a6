/// Greedy, beam and Viterbi search over a `TagLattice`.
///
/// T = words, C = tags; `emissions` is `[T, C]` row-major. Every search scores with the joint
/// score `TagLattice.score(of:emissions:)` and breaks ties towards lower tag ids.
enum SequenceDecoding {
  /// Beam search keeping the `width` best partial sequences by joint score.
  ///
  /// Partial sequences that end in the same tag are recombined (only the best survives, since no
  /// later score depends on anything but the last tag). Hence `width ≥ C` keeps every tag's best
  /// prefix and finds the Viterbi path, and `width = 1` is greedy decoding: each word takes the
  /// tag that maximises `transition + emission` after the tag before it (plus `end` on the last
  /// word).
  ///
  /// - Complexity: O(T · width · C) time and O(T · width) memory.
  static func beam(_ emissions: [Double], length: Int, lattice: TagLattice, width: Int) -> [Int] {
    let tagCount = lattice.tagCount
    precondition(width >= 1 && emissions.count >= length * tagCount, "beam: width \(width)")
    guard length > 0 else { return [] }
    // The beam: (tag, score) pairs, best first; `backPointers[t][k]` is the index in beam t-1
    // of the k-th entry of beam t.
    var beam: [(tag: Int, score: Double)] = []
    var tags: [[Int]] = []
    var backPointers: [[Int]] = []
    for step in 0..<length {
      var best = [Double](repeating: -.infinity, count: tagCount)
      var from = [Int](repeating: 0, count: tagCount)
      for next in 0..<tagCount {
        let emission = emissions[step &* tagCount &+ next]
        let closing = step == length - 1 ? lattice.end[next] : 0
        if step == 0 {
          best[next] = lattice.start[next] + emission + closing
          continue
        }
        var bestIndex = -1
        for (index, entry) in beam.enumerated() {
          let score = entry.score + lattice.transition(entry.tag, next)
          if bestIndex < 0 || score > best[next]
            || (score == best[next] && entry.tag < beam[bestIndex].tag)
          {
            best[next] = score
            bestIndex = index
          }
        }
        best[next] += emission + closing
        from[next] = bestIndex
      }
      let kept = topIndices(best, keeping: width)
      beam = kept.map { (tag: $0, score: best[$0]) }
      tags.append(kept)
      backPointers.append(kept.map { from[$0] })
    }
    var path = [Int](repeating: 0, count: length)
    var index = 0
    for step in stride(from: length - 1, through: 0, by: -1) {
      path[step] = tags[step][index]
      index = backPointers[step][index]
    }
    return path
  }

  /// The highest-scoring path (Viterbi), ties towards lower tag ids.
  ///
  /// `δ₀[j] = start[j] + e₀[j]`, `δₜ[j] = maxᵢ(δₜ₋₁[i] + A[i, j]) + eₜ[j]`, best last tag
  /// `argmaxⱼ(δ_{T−1}[j] + end[j])`, then follow the back pointers.
  ///
  /// - Complexity: O(T · C²) time, O(T · C) memory.
  static func viterbi(_ emissions: [Double], length: Int, lattice: TagLattice) -> [Int] {
    let tagCount = lattice.tagCount
    guard length > 0 else { return [] }
    var delta = (0..<tagCount).map { lattice.start[$0] + emissions[$0] }
    var backPointers = [Int](repeating: 0, count: length * tagCount)
    var next = delta
    for step in 1..<max(length, 1) {
      for tag in 0..<tagCount {
        var bestScore = -Double.infinity
        var bestPrevious = 0
        for previous in 0..<tagCount {
          let score = delta[previous] + lattice.transition(previous, tag)
          if score > bestScore {
            bestScore = score
            bestPrevious = previous
          }
        }
        next[tag] = bestScore + emissions[step &* tagCount &+ tag]
        backPointers[step &* tagCount &+ tag] = bestPrevious
      }
      swap(&delta, &next)
    }
    var last = 0
    var lastScore = -Double.infinity
    for tag in 0..<tagCount where delta[tag] + lattice.end[tag] > lastScore {
      lastScore = delta[tag] + lattice.end[tag]
      last = tag
    }
    var path = [Int](repeating: 0, count: length)
    path[length - 1] = last
    for step in stride(from: length - 1, to: 0, by: -1) {
      path[step - 1] = backPointers[step &* tagCount &+ path[step]]
    }
    return path
  }

  /// The indices of the `keep` largest values, largest first (ties: lower index first).
  static func topIndices(_ values: [Double], keeping keep: Int) -> [Int] {
    var ranked: [Int] = []
    for index in values.indices {
      var position = ranked.count
      while position > 0 && values[ranked[position - 1]] < values[index] { position -= 1 }
      if position < keep { ranked.insert(index, at: position) }
      if ranked.count > keep { ranked.removeLast() }
    }
    return ranked
  }
}
