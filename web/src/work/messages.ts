import type { AreaMessages } from "../i18n";

export const messages: AreaMessages = {
  "zh-CN": {
    task: "任务",
    newForm: { title: "填写表单", subtitle: "为客户填写检查表、信用评估等表单" },
    category: {
      INSPECTION_CHECKLIST: "检查清单",
      SURVEY: "调查问卷",
      COMPLAINT: "投诉",
      TRAINING_RECORD: "培训记录",
      CREDIT_ASSESSMENT: "信用评估",
      CUSTOM: "其他",
    },
    myWork: {
      title: "我的工作",
      subtitle: "您的案件任务、计划检查、跟进、审核和抽检复核，逾期和即将到期的排在前面",
      kind: "工作类型",
      overdueOnly: "只看逾期",
      empty: "目前没有待办的工作。",
      total: "共 {{count}} 项",
    },
    column: { title: "事项", customer: "客户", state: "状态", due: "截止", overdue: "逾期" },
    overdue: "已逾期",
    noDue: "无截止日期",
    kind: { ALL: "全部", TASK: "任务", INSPECTION: "检查", FOLLOW_UP: "跟进", REVIEW: "审核", VERIFICATION: "复核" },
  },
  en: {
    task: "Task",
    newForm: { title: "Fill in a form", subtitle: "Checklists, credit assessments and other forms for a customer" },
    category: {
      INSPECTION_CHECKLIST: "Checklist",
      SURVEY: "Survey",
      COMPLAINT: "Complaint",
      TRAINING_RECORD: "Training record",
      CREDIT_ASSESSMENT: "Credit assessment",
      CUSTOM: "Other",
    },
    myWork: {
      title: "My work",
      subtitle: "Your case tasks, planned inspections, follow-ups, reviews and verifications, overdue and soonest due first",
      kind: "Kind of work",
      overdueOnly: "Overdue only",
      empty: "Nothing is waiting for you right now.",
      total: "{{count}} items",
    },
    column: { title: "Item", customer: "Customer", state: "State", due: "Due", overdue: "Overdue" },
    overdue: "Overdue",
    noDue: "No due date",
    kind: { ALL: "All", TASK: "Tasks", INSPECTION: "Inspections", FOLLOW_UP: "Follow-ups", REVIEW: "Reviews", VERIFICATION: "Verifications" },
  },
};
