namespace MonevDashboard;

/// <summary>
/// Marker for the app's one string table: Resources/SharedResource.resx is Indonesian (the default),
/// SharedResource.en.resx English.
/// </summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>, never instantiated
public sealed class SharedResource;
#pragma warning restore CA1052
