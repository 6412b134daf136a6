/// Shuffled batches of similar length, shared by the tagger and language-model trainers.
///
/// The shuffled items are cut into pools of `batchesPerPool` batches; each pool is sorted by
/// length and cut into batches, so a batch holds items of similar length (little padding); the
/// batches are then shuffled.
enum LengthBucketing {
  /// Batches per sorted pool.
  static let batchesPerPool = 50

  /// Batches of `batchSize` of the items `order` (indices), by `length`.
  static func batches(
    of order: [Int], batchSize: Int, length: (Int) -> Int, using rng: inout SplitMix64
  ) -> [[Int]] {
    let batchSize = max(1, batchSize)
    var order = order
    order.shuffle(using: &rng)
    var batches: [[Int]] = []
    let poolSize = batchSize * batchesPerPool
    var poolStart = 0
    while poolStart < order.count {
      let pool = order[poolStart..<min(poolStart + poolSize, order.count)]
        .sorted { length($0) < length($1) }
      var start = 0
      while start < pool.count {
        batches.append(Array(pool[start..<min(start + batchSize, pool.count)]))
        start += batchSize
      }
      poolStart += poolSize
    }
    batches.shuffle(using: &rng)
    return batches
  }
}
