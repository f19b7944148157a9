namespace Crm.Segmentation.Data;

public enum SaveOutcome
{
    Saved,
    NotFound,
    NameTaken,

    /// <summary>If-Match named a version that is no longer the current one.</summary>
    Stale,
}
