// MARK: - Dropping a generated input

extension TraceInputOf where Name == ScenarioName {
  /// Ends the input's life case by case: each payload is destroyed as the
  /// type it has (nothing to do for most), where letting the value go out
  /// of scope destroyed it through the generic enum's value witness, at
  /// about 120 instructions each. The generator drops most of the
  /// candidates it makes (the model refuses them), and every scenario's
  /// inputs once it is done.
  @inline(never)
  consuming func discard() {
    switch consume self {
    case .ramblockAdd(let name, _, _, _, _, _, _): _ = consume name
    case .ramblockRemove(let name): _ = consume name
    case .ramblockResize(let name, _): _ = consume name
    case .open(_, _, let overrides): _ = consume overrides
    case .nodeAdd(_, let format): _ = consume format
    case .close, .register, .unregister, .discardRequire, .discardRelease, .vfioAttach,
      .vfioDetach, .shutdown, .balloonInflate, .nodeRemove, .nodeReplace, .childAdd,
      .childRemove, .backendAdd, .backendAttach, .backendDetach, .backendRemove,
      .registrarAttach, .registrarDestroy, .io, .complete:
      break
    }
  }

  /// Empties `inputs`, dropping each with ``discard()``: the array's own
  /// destroy went through the generic enum's value witness for each input.
  /// Not inlined: in the explorer's loop it made the compiler stop
  /// inlining the generator there.
  @inline(never)
  static func discardAll(_ inputs: inout [ScenarioInput]) {
    while let input = inputs.popLast() { input.discard() }
  }
}
