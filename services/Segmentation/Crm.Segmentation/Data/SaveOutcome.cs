namespace Crm.Segmentation.Data;

public enum SaveOutcome
{
    Saved,
    NotFound,
    NameTaken,
}
