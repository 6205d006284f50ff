using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Depwatch.Server.Data;

/// <summary>
/// Depwatch's data, on SQLite or PostgreSQL alike. Each provider has its own subclass
/// (<see cref="Migrations.SqliteDepwatchDbContext"/>, <see cref="Migrations.PostgresDepwatchDbContext"/>) only so that
/// each keeps its own migrations; the rest of the server knows this type alone.
/// </summary>
public class DepwatchDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ProjectEntity> Projects => Set<ProjectEntity>();
    public DbSet<ProjectTagEntity> ProjectTags => Set<ProjectTagEntity>();
    public DbSet<ProjectPropertyEntity> ProjectProperties => Set<ProjectPropertyEntity>();
    public DbSet<ComponentEntity> Components => Set<ComponentEntity>();
    public DbSet<VulnerabilityEntity> Vulnerabilities => Set<VulnerabilityEntity>();
    public DbSet<FindingEntity> Findings => Set<FindingEntity>();
    public DbSet<JobEntity> Jobs => Set<JobEntity>();
    public DbSet<AnalysisRunEntity> AnalysisRuns => Set<AnalysisRunEntity>();
    public DbSet<TeamEntity> Teams => Set<TeamEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<ConfigPropertyEntity> ConfigProperties => Set<ConfigPropertyEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<FindingAnalysisEntity> FindingAnalyses => Set<FindingAnalysisEntity>();
    public DbSet<AnalysisCommentEntity> AnalysisComments => Set<AnalysisCommentEntity>();
    public DbSet<ProjectMetricsEntity> ProjectMetrics => Set<ProjectMetricsEntity>();
    public DbSet<PortfolioMetricsEntity> PortfolioMetrics => Set<PortfolioMetricsEntity>();
    public DbSet<NotificationPublisherEntity> NotificationPublishers => Set<NotificationPublisherEntity>();
    public DbSet<NotificationRuleEntity> NotificationRules => Set<NotificationRuleEntity>();
    public DbSet<NotificationRuleProjectEntity> NotificationRuleProjects => Set<NotificationRuleProjectEntity>();
    public DbSet<NotificationRuleTagEntity> NotificationRuleTags => Set<NotificationRuleTagEntity>();
    public DbSet<NotificationOutboxEntity> NotificationOutbox => Set<NotificationOutboxEntity>();
    public DbSet<PolicyEntity> Policies => Set<PolicyEntity>();
    public DbSet<PolicyConditionEntity> PolicyConditions => Set<PolicyConditionEntity>();
    public DbSet<PolicyProjectEntity> PolicyProjects => Set<PolicyProjectEntity>();
    public DbSet<PolicyTagEntity> PolicyTags => Set<PolicyTagEntity>();
    public DbSet<PolicyViolationEntity> PolicyViolations => Set<PolicyViolationEntity>();
    public DbSet<ViolationAnalysisCommentEntity> ViolationAnalysisComments => Set<ViolationAnalysisCommentEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; stored as a sortable number it can.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectEntity>(project =>
        {
            project.HasIndex(p => new { p.Name, p.VersionKey }).IsUnique();
            project.Property(p => p.Name).HasMaxLength(255);
            project.Property(p => p.LastBomSerialNumber).HasMaxLength(36);
            project.Property(p => p.Group).HasMaxLength(StoredText.MaxIndexedLength);
            project.Property(p => p.Publisher).HasMaxLength(StoredText.MaxIndexedLength);
            project.Property(p => p.Cpe).HasMaxLength(StoredText.MaxIndexedLength);
            project.Property(p => p.SwidTagId).HasMaxLength(StoredText.MaxIndexedLength);
            project.HasOne<ProjectEntity>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProjectTagEntity>(tag =>
        {
            tag.HasKey(t => new { t.ProjectId, t.Name });
            tag.HasIndex(t => t.Name);
            tag.Property(t => t.Name).HasMaxLength(Data.ProjectTags.MaxNameLength);
            tag.HasOne<ProjectEntity>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProjectPropertyEntity>(property =>
        {
            property.HasKey(p => new { p.ProjectId, p.GroupName, p.PropertyName });
            property.Property(p => p.GroupName).HasMaxLength(StoredText.MaxIndexedLength);
            property.Property(p => p.PropertyName).HasMaxLength(StoredText.MaxIndexedLength);
            property.Property(p => p.PropertyType).HasMaxLength(32);
            property.HasOne<ProjectEntity>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ComponentEntity>(component =>
        {
            component.HasIndex(c => new { c.ProjectId, c.Identity }).IsUnique();
            component.HasOne<ProjectEntity>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<VulnerabilityEntity>(vulnerability =>
        {
            vulnerability.HasIndex(v => new { v.Source, v.VulnId }).IsUnique();
            // The findings answer's version asks for the latest change on every request.
            vulnerability.HasIndex(v => v.LastChanged);
        });
        modelBuilder.Entity<FindingEntity>(finding =>
        {
            finding.HasIndex(f => new { f.ComponentId, f.VulnerabilityId }).IsUnique();
            finding.HasIndex(f => new { f.ProjectId, f.ResolvedOn });
            finding.HasIndex(f => f.VulnerabilityId);
            finding.HasOne<ComponentEntity>().WithMany().HasForeignKey(f => f.ComponentId).OnDelete(DeleteBehavior.Cascade);
            finding.HasOne<VulnerabilityEntity>().WithMany().HasForeignKey(f => f.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<JobEntity>(job =>
        {
            job.HasIndex(j => new { j.State, j.NotBefore });
            job.HasIndex(j => j.Token);
            job.Property(j => j.TraceParent).HasMaxLength(55); // version-traceid-spanid-flags: 2+1+32+1+16+1+2
            job.HasOne<ProjectEntity>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AnalysisRunEntity>(run =>
        {
            run.HasIndex(r => new { r.ProjectId, r.Started });
            run.HasOne<ProjectEntity>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TeamEntity>().HasIndex(t => t.Name).IsUnique();
        modelBuilder.Entity<ApiKeyEntity>(key =>
        {
            key.HasIndex(k => k.PublicId).IsUnique();
            key.HasOne<TeamEntity>().WithMany().HasForeignKey(k => k.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ConfigPropertyEntity>().HasKey(p => new { p.GroupName, p.PropertyName });
        modelBuilder.Entity<FindingAnalysisEntity>(analysis =>
        {
            analysis.HasIndex(a => new { a.ProjectId, a.ComponentIdentity, a.VulnerabilityId }).IsUnique();
            analysis.HasIndex(a => a.VulnerabilityId);
            analysis.Property(a => a.State).HasMaxLength(32);
            analysis.Property(a => a.Justification).HasMaxLength(64);
            analysis.Property(a => a.Response).HasMaxLength(32);
            analysis.HasOne<ProjectEntity>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
            analysis.HasOne<VulnerabilityEntity>().WithMany().HasForeignKey(a => a.VulnerabilityId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AnalysisCommentEntity>(comment =>
        {
            comment.HasIndex(c => new { c.AnalysisId, c.Timestamp });
            comment.HasOne<FindingAnalysisEntity>().WithMany().HasForeignKey(c => c.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProjectMetricsEntity>(metrics =>
        {
            metrics.HasIndex(m => new { m.ProjectId, m.Day }).IsUnique();
            metrics.HasOne<ProjectEntity>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PortfolioMetricsEntity>().HasKey(m => m.Day);
        OnNotificationsCreating(modelBuilder);
        OnPolicyModelCreating(modelBuilder);
    }

    private static void OnNotificationsCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotificationPublisherEntity>(publisher =>
        {
            publisher.HasIndex(p => p.Name).IsUnique();
            publisher.Property(p => p.Name).HasMaxLength(255);
            publisher.Property(p => p.PublisherClass).HasMaxLength(255);
        });
        modelBuilder.Entity<NotificationRuleEntity>(rule =>
        {
            rule.Property(r => r.Name).HasMaxLength(255);
            rule.Property(r => r.Scope).HasMaxLength(16);
            rule.Property(r => r.NotificationLevel).HasMaxLength(16);
            rule.HasOne<NotificationPublisherEntity>().WithMany().HasForeignKey(r => r.PublisherId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<NotificationRuleProjectEntity>(assigned =>
        {
            assigned.HasKey(a => new { a.RuleId, a.ProjectId });
            assigned.HasOne<NotificationRuleEntity>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);
            assigned.HasOne<ProjectEntity>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<NotificationRuleTagEntity>(tag =>
        {
            tag.HasKey(t => new { t.RuleId, t.Name });
            tag.Property(t => t.Name).HasMaxLength(Data.ProjectTags.MaxNameLength);
            tag.HasOne<NotificationRuleEntity>().WithMany().HasForeignKey(t => t.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<NotificationOutboxEntity>(row =>
        {
            row.HasIndex(r => new { r.State, r.NotBefore });
            row.HasIndex(r => new { r.RuleId, r.State });
            row.Property(r => r.NotificationGroup).HasMaxLength(64);
            row.HasOne<NotificationRuleEntity>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void OnPolicyModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PolicyEntity>(policy =>
        {
            policy.HasIndex(p => p.Name).IsUnique();
            policy.Property(p => p.Name).HasMaxLength(StoredText.MaxIndexedLength);
            policy.Property(p => p.Operator).HasMaxLength(8);
            policy.Property(p => p.ViolationState).HasMaxLength(8);
        });
        modelBuilder.Entity<PolicyConditionEntity>(condition =>
        {
            condition.HasIndex(c => c.PolicyId);
            condition.Property(c => c.Subject).HasMaxLength(32);
            condition.Property(c => c.Operator).HasMaxLength(40);
            condition.HasOne<PolicyEntity>().WithMany().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PolicyProjectEntity>(assignment =>
        {
            assignment.HasKey(a => new { a.PolicyId, a.ProjectId });
            assignment.HasIndex(a => a.ProjectId);
            assignment.HasOne<PolicyEntity>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<ProjectEntity>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PolicyTagEntity>(assignment =>
        {
            assignment.HasKey(a => new { a.PolicyId, a.Tag });
            assignment.Property(a => a.Tag).HasMaxLength(Data.ProjectTags.MaxNameLength);
            assignment.HasOne<PolicyEntity>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PolicyViolationEntity>(violation =>
        {
            violation.HasIndex(v => new { v.ProjectId, v.ResolvedOn });
            violation.HasIndex(v => new { v.ComponentId, v.ResolvedOn });
            violation.HasIndex(v => v.PolicyConditionId);
            violation.Property(v => v.Type).HasMaxLength(16);
            violation.Property(v => v.AnalysisState).HasMaxLength(16);
            violation.HasOne<ProjectEntity>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
            violation.HasOne<PolicyConditionEntity>().WithMany().HasForeignKey(v => v.PolicyConditionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ViolationAnalysisCommentEntity>(comment =>
        {
            comment.HasIndex(c => new { c.ViolationId, c.Timestamp });
            comment.HasOne<PolicyViolationEntity>().WithMany().HasForeignKey(c => c.ViolationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
