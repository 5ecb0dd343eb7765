export {
  bootstrapAdmin,
  completePasswordSetup,
  issuePasswordSetup,
  issueToken,
  PASSWORD_SETUP_DAYS,
  PasswordSetupInvalid
} from "./Accounts.ts"
export { rollover, RolloverRunning } from "./Rollover.ts"
export { type AppRuntime, type AppServices, appLayer, appRuntime } from "./Runtime.ts"
export { decoyHash, hashPassword, newId, newSecret, sha256, verifyPassword } from "./Security.ts"
export { importPlanDefinition, type PlanImportOptions } from "./PlanDefinitionImport.ts"
export { prepareDatabase, seedPlan, type StartupOptions } from "./Startup.ts"
export { NotRestorable, type RestoredStructure, restoreStructure } from "./RestoreStructure.ts"
export { Structure } from "./Structure.ts"
export { exportYears, exportYearsWorkbook, type LongExport } from "./ExportYears.ts"
export { initiativeTrends, planTrends, targetTrendOf } from "./Trends.ts"
export {
  initiativeDetail,
  initiativeItems,
  latestFiscalYear,
  loadYear,
  reviewView,
  summaryOf,
  targetView
} from "./Views.ts"
export {
  applyImport,
  exportContentTypes,
  exportPlan,
  type ExportFormat,
  ImportBlocked,
  ImportMismatch,
  type ImportOptions,
  NotProposed,
  previewImport,
  readPlanSnapshot,
  takeImportSlot,
  UnknownAgency
} from "./Workbook.ts"
export {
  apiEntry,
  type ApiProcessMessage,
  ApiStartFailed,
  type StartedApi,
  startApiProcess,
  stopApiProcess
} from "./ApiProcess.ts"
export { publicationStatus, setPublished } from "./Publishing.ts"
export {
  publicInitiativesOfYear,
  publicObservation,
  publicPlanOf,
  publicPlans,
  type PublicSettings,
  publicTargetsOf,
  publicYearOf,
  publishedContent,
  publishedYearsOf,
  requirePublished
} from "./PublicViews.ts"
export { dataPackageOf, type OpenDataFile, openDataFile, type OpenDataTable, parseOpenDataFile } from "./OpenData.ts"
export {
  apiConfig,
  type ApiConfig,
  configurationVariables,
  defaults,
  mailConfig,
  type MailConfig,
  type OpenDataLicense,
  openDataLicenses,
  publicConfig,
  type PublicConfig,
  secretKeyConfig,
  serveConfig
} from "./Configuration.ts"
export { moveReview, ReturnNeedsComment, type ReviewMoved, WorkflowConflict, WorkflowForbidden } from "./Workflow.ts"
export { changeCycle, CycleAgencyInvalid, CycleClosed, openCycle, previewCycle, today } from "./Cycles.ts"
export { currentCycle, cycleStatus, cycleTaskList, filterTasks, type TaskFilter, tasksOf } from "./CycleStatus.ts"
export { type BulkOutcome, moveReviews } from "./BulkWorkflow.ts"
export {
  deleteAttachment,
  downloadAttachment,
  postComment,
  reviewAttachments,
  reviewThread,
  type Upload,
  uploadAttachment
} from "./Dialogue.ts"
export { type Delivery, deliverOutbox, senderId } from "./Mail.ts"
export { mailSchedule, type MailScheduleEvent } from "./MailSchedule.ts"
export { mailText, type MailText } from "./MailTemplates.ts"
export { editorsOf, type Notice, notify, notifyMove, secretariat } from "./Notifications.ts"
export { cycleReminders, dueReminders, queueReminders, type Reminder } from "./Reminders.ts"
export { changesOf, SETTLE_MS, settled } from "./ChangeFeed.ts"
export { visibleActors } from "./VisibleActors.ts"
export { AdminUrl } from "./AdminUrl.ts"
export { createWebhook, getWebhook, listWebhooks, rotateWebhookSecret, updateWebhook } from "./Webhooks.ts"
export { queueTestEvent, queueWebhookEvents } from "./WebhookEvents.ts"
export {
  deliverWebhooks,
  pruneWebhookLog,
  webhookDefaults,
  webhookSchedule,
  type WebhookScheduleEvent,
  type WebhookSettings
} from "./WebhookDelivery.ts"
export { keyFileOf, SecretKeySetting } from "./WebhookSecrets.ts"
export { loadShippedFrameworks, shippedFrameworks } from "./ShippedFrameworks.ts"
export { loadExampleTags, tagInitiative } from "./FrameworkTags.ts"
export { CoverageNotPublished, coverageReport, publicCoverageReport } from "./FrameworkCoverage.ts"
export {
  acceptTagProposal,
  declineTagProposal,
  pendingTagProposals,
  proposeTag,
  tagProposalsOf
} from "./TagProposals.ts"
export { type SurveyFormat, surveyExport } from "./SurveyExport.ts"
export { columnsFromCsv, measureHeadings, measuresFromCsv, replaceMeasuresFromCsv } from "./FrameworkCsv.ts"
