using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Web.Flows;

/// <summary>State and actions of one designer page: the draft, its per-stage validation, the live preview and the
/// destination check. The page and its stage components share one instance.</summary>
public sealed class DesignerModel
{
    private readonly FlowService _flows;
    private readonly DesignerPreview _preview;
    private bool _previewAgain;

    internal DesignerModel(FlowService flows, DesignerPreview preview, FlowDraft draft, List<GroupChoice> groups, List<ConnectionChoice> connections)
    {
        _flows = flows;
        _preview = preview;
        Draft = draft;
        Groups = groups;
        Connections = connections;
        Validate();
    }

    public FlowDraft Draft { get; }
    public IReadOnlyList<GroupChoice> Groups { get; }
    public IReadOnlyList<ConnectionChoice> Connections { get; }
    public SampleFile? Sample { get; set; }
    public DesignerPreviewResult? Preview { get; private set; }
    public bool Previewing { get; private set; }
    /// <summary>Target columns as they were when <see cref="Preview"/> ran (its cells follow this order).</summary>
    public IReadOnlyList<string> PreviewColumns { get; private set; } = [];
    public DestinationCheckResult? Check { get; private set; }
    public string? CheckProblem { get; private set; }
    public bool Checking { get; private set; }
    /// <summary>The engine's schema plan for the draft, made with the check: the diff and the DDL, before anything runs.</summary>
    public SchemaPlan? Plan { get; private set; }
    public bool Applying { get; private set; }
    /// <summary>What the last "Create table" / "Apply changes" did (success), or why it could not (<see cref="ApplyProblem"/>).</summary>
    public string? Applied { get; private set; }
    public string? ApplyProblem { get; private set; }
    public bool Saving { get; private set; }
    /// <summary>Set once the user tried to save: from then on every problem shows, not only those of touched fields.</summary>
    public bool Submitted { get; set; }
    public Dictionary<Stage, Dictionary<string, string>> Errors { get; } = [];

    public ConnectionKind? SourceKind => Connections.FirstOrDefault(c => c.Id == Draft.Form.SourceConnectionId)?.Kind;
    public ConnectionKind? DestinationKind => Connections.FirstOrDefault(c => c.Id == Draft.Form.DestinationConnectionId)?.Kind;
    public bool IsDatabaseSource => SourceKind is ConnectionKind.PostgreSql or ConnectionKind.SqlServer or ConnectionKind.Oracle or ConnectionKind.Sqlite;
    public IReadOnlyList<string> Fields => Preview?.Result?.Fields ?? [];
    private IReadOnlyDictionary<int, ConnectionKind> ConnectionKinds => Connections.ToDictionary(c => c.Id, c => c.Kind);

    public IReadOnlyDictionary<string, string> ErrorsOf(Stage stage) => Errors.GetValueOrDefault(stage) ?? [];

    public string? Error(Stage stage, string field) => ErrorsOf(stage).GetValueOrDefault(field);

    public void Validate()
    {
        var all = Draft.Validate(SourceKind, DestinationKind, ConnectionKinds);
        foreach (var stage in Enum.GetValues<Stage>()) Errors[stage] = [];
        // Before the first save, a missing value is not yet an error; a wrong one is.
        foreach (var (field, problem) in all.Where(e => Submitted || !IsMissing(e.Value))) Errors[FlowDraft.StageOf(field)][field] = problem;
    }

    public bool IsValid => Draft.Validate(SourceKind, DestinationKind, ConnectionKinds).Count == 0;

    /// <summary>The check needs a destination and a table in the draft. The button waits for both: a value picked in a
    /// select reaches the draft only after the select's own round trip to the browser (issue 5).</summary>
    public bool CanCheckDestination => Draft.Form.DestinationConnectionId is not null && !string.IsNullOrWhiteSpace(Draft.Form.DestinationTable);

    // The shared rules word an empty required field as an instruction ("Enter the table…", "Choose the group.").
    private static bool IsMissing(string problem) =>
        problem.StartsWith("Enter ", StringComparison.Ordinal) || problem.StartsWith("Choose ", StringComparison.Ordinal) || problem.StartsWith("Map at least", StringComparison.Ordinal);

    /// <summary>Fetches and maps the sample again (the uploaded file, or the real source).</summary>
    /// <remarks>A request while one runs (a keystroke in the delimiter) is not dropped: the running one goes again, so the
    /// sample shown always matches the draft.</remarks>
    public async Task PreviewAsync(CancellationToken cancellationToken)
    {
        if (Previewing)
        {
            _previewAgain = true;
            return;
        }
        Previewing = true;
        try
        {
            do
            {
                _previewAgain = false;
                PreviewColumns = [.. Draft.Form.Columns.Select(c => c.TargetColumn)];
                Preview = Sample is null && Draft.Form.SourceConnectionId is null
                    ? new DesignerPreviewResult(null, "Pick a source connection or upload a sample file to see data.", TimeSpan.Zero)
                    : await _preview.RunAsync(Draft, Sample, cancellationToken);
            }
            while (_previewAgain);
        }
        finally
        {
            Previewing = false;
        }
    }

    /// <summary>Shows a problem in place of the sample (e.g. an upload that failed).</summary>
    public void ShowProblem(string problem) => Preview = new DesignerPreviewResult(null, problem, TimeSpan.Zero);

    /// <summary>Fills source fields by name from the detected fields (or one column per field when none exist yet).</summary>
    public int AutoMap() => Flows.AutoMap.Apply(Draft.Form.Columns, Fields);

    public void AddDerived(DerivedValue derived) => Draft.Form.Columns.Add(new ColumnMappingForm
    {
        Derived = derived,
        TargetColumn = derived switch
        {
            DerivedValue.RunId => "run_id",
            DerivedValue.SourceName => "source_name",
            DerivedValue.LoadTime => "loaded_at",
            DerivedValue.MessageKey => "message_key",
            DerivedValue.MessagePartition => "message_partition",
            DerivedValue.MessageOffset => "message_offset",
            DerivedValue.MessageTimestamp => "message_time",
            DerivedValue.MessageHeader => "message_header",
            _ => "row_number",
        },
        TargetType = derived switch
        {
            DerivedValue.RunId => ColumnType.Guid,
            DerivedValue.LoadTime or DerivedValue.MessageTimestamp => ColumnType.DateTimeOffset,
            DerivedValue.RowNumber or DerivedValue.MessageOffset => ColumnType.Long,
            DerivedValue.MessagePartition => ColumnType.Int,
            _ => ColumnType.String,
        },
    });

    /// <summary>Columns switched to an expression that has no text yet (a column with text is computed anyway).</summary>
    private readonly HashSet<ColumnMappingForm> _computing = [];

    /// <summary>Whether the column editor shows the column's expression instead of its source field.</summary>
    public bool IsComputing(ColumnMappingForm column) => column.IsComputed || _computing.Contains(column);

    public void StartComputing(ColumnMappingForm column)
    {
        _computing.Add(column);
        column.SourceField = null;
    }

    public void StopComputing(ColumnMappingForm column)
    {
        _computing.Remove(column);
        column.Expression = null;
    }

    /// <summary>Adds a computed column, its expression still to be written.</summary>
    public void AddComputed()
    {
        var column = new ColumnMappingForm { TargetColumn = $"computed_{Draft.Form.Columns.Count(IsComputing) + 1}" };
        Draft.Form.Columns.Add(column);
        _computing.Add(column);
    }

    public void Move(int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= Draft.Form.Columns.Count) return;
        (Draft.Form.Columns[index], Draft.Form.Columns[to]) = (Draft.Form.Columns[to], Draft.Form.Columns[index]);
    }

    public async Task CheckDestinationAsync(CancellationToken cancellationToken)
    {
        if (Checking || Applying || !CanCheckDestination) return;
        Checking = true;
        try
        {
            Applied = ApplyProblem = null;
            await CheckAndPlanAsync(cancellationToken);
        }
        finally
        {
            Checking = false;
        }
    }

    /// <summary>The draft changed: the plan shown was made for the earlier draft, so it goes (check again), as does what
    /// the last apply said.</summary>
    public void ForgetPlan()
    {
        Plan = null;
        Applied = ApplyProblem = null;
    }

    /// <summary>Whether the table's DDL can be run from here: the plan has statements and no problem.</summary>
    public bool CanApplyPlan => Plan is { IsValid: true, Statements.Count: > 0 } && !Checking && !Applying;

    /// <summary>Runs the DDL: the draft is planned again on the server and that plan is applied (so a table changed
    /// since the check is planned as it is now), then the destination is checked again.</summary>
    public async Task ApplyPlanAsync(CancellationToken cancellationToken)
    {
        if (!CanApplyPlan) return;
        Applying = true;
        try
        {
            Applied = ApplyProblem = null;
            var (plan, applied, problem) = await _preview.ApplyPlanAsync(Draft, SourceFields, cancellationToken);
            if (problem is not null) ApplyProblem = problem;
            else if (plan is { IsValid: false }) ApplyProblem = $"The table '{plan.Table}' cannot be made to fit: {string.Join("; ", plan.Problems)}. Nothing was changed.";
            else if (applied && plan is not null)
            {
                Applied = plan.CreatesTable
                    ? $"Table '{plan.Table}' created ({plan.Statements.Count} statement(s) ran)."
                    : $"Table '{plan.Table}' changed ({plan.Statements.Count} statement(s) ran).";
            }
            else Applied = $"Table '{plan?.Table}' already fits: nothing to run.";
            await CheckAndPlanAsync(cancellationToken);
        }
        finally
        {
            Applying = false;
        }
    }

    /// <summary>The source's fields as the sample showed them; null when no sample was read.</summary>
    private IReadOnlyList<string>? SourceFields => Preview?.Result is { } result ? result.Fields : null;

    private async Task CheckAndPlanAsync(CancellationToken cancellationToken)
    {
        (Check, CheckProblem) = await _preview.CheckDestinationAsync(Draft, cancellationToken);
        Plan = null;
        if (CheckProblem is not null) return;
        (Plan, var problem) = await _preview.PlanAsync(Draft, SourceFields, cancellationToken);
        CheckProblem = problem;
    }

    /// <summary>Whether the check's findings stop a save: not when the table is missing and the flow creates it (the
    /// plan can create it, the run does).</summary>
    public bool DestinationBlocksSave =>
        CheckProblem is not null || (Check is { IsValid: false } && !(Draft.Form.CreateIfMissing && Plan is { TableExists: false, IsValid: true }));

    /// <summary>Validates every stage and checks the destination, then saves unless something is wrong. A destination
    /// problem can be overridden with <paramref name="despiteDestination"/> (e.g. the table is created later).</summary>
    public async Task<(int Id, string? Problem)> SaveAsync(bool despiteDestination, CancellationToken cancellationToken)
    {
        if (Saving) return (0, null);
        Saving = true;
        try
        {
            Submitted = true;
            Validate();
            if (!IsValid) return (0, "Fix the fields marked in red first.");
            if (!despiteDestination)
            {
                await CheckAndPlanAsync(cancellationToken);
                if (DestinationBlocksSave)
                    return (0, "The destination check found problems (see Load). Fix them, or save anyway.");
            }
            var result = await _flows.SaveAsync(Draft.Form, cancellationToken);
            if (result.Errors is { } errors)
            {
                // What only the server can know (a group deleted meanwhile, a connection gone): shown like the draft's own.
                foreach (var (field, problem) in errors) Errors[FlowDraft.StageOf(field)][field] = problem;
                return (0, "Fix the fields marked in red first.");
            }
            if (result.Conflict is { } conflict)
            {
                Errors[Stage.Source][nameof(FlowForm.Name)] = conflict;
                return (0, conflict);
            }
            if (result.NotFound) return (0, $"Flow {Draft.Id} no longer exists.");
            Draft.Id = result.Flow!.Id;
            return (Draft.Id, null);
        }
        finally
        {
            Saving = false;
        }
    }
}
