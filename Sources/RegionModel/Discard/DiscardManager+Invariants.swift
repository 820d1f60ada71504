// MARK: - Invariants

extension DiscardManager {
  /// Traps unless the counters hold what QEMU's -EBUSY rules allow while
  /// no counter has wrapped: discard is never both broken and required
  /// (`ram_block_discard_disable()` refuses while any requirement holds,
  /// `ram_block_uncoordinated_discard_disable()` while a plain one does,
  /// and the requirements refuse the other way round). For the property
  /// tests.
  public func checkInvariants() {
    guard underflows == 0 else { return }
    precondition(
      disabledCount == 0 || (requiredCount == 0 && coordinatedRequiredCount == 0),
      "invariant: discard is disabled and required at once")
    precondition(
      uncoordinatedDisabledCount == 0 || requiredCount == 0,
      "invariant: uncoordinated discard is disabled while discard is required")
  }
}
