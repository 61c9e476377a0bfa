import type { AreaMessages } from "../i18n";

export const messages: AreaMessages = {
  "zh-CN": {
    cases: {
      title: "我的提交",
      subtitle: "您提交的投诉、问卷等及其处理进度",
      includeClosed: "包括已结案",
      empty: "您还没有提交过表单。",
      what: "内容",
      status: "状态",
      submittedAt: "提交时间",
    },
    forms: { title: "可填写的表单", subtitle: "向您开放的调查、投诉与培训记录", empty: "目前没有向您开放的表单。", fill: "填写" },
    category: {
      INSPECTION_CHECKLIST: "检查清单",
      SURVEY: "调查问卷",
      COMPLAINT: "投诉",
      TRAINING_RECORD: "培训记录",
      CREDIT_ASSESSMENT: "信用评估",
      CUSTOM: "其他",
    },
  },
  en: {
    cases: {
      title: "My submissions",
      subtitle: "Complaints, surveys and more that you submitted, and where each stands",
      includeClosed: "Include closed",
      empty: "You have not submitted anything yet.",
      what: "What",
      status: "Status",
      submittedAt: "Submitted",
    },
    forms: { title: "Forms for you", subtitle: "Surveys, complaints and training records offered to you", empty: "No forms are offered to you right now.", fill: "Fill in" },
    category: {
      INSPECTION_CHECKLIST: "Checklist",
      SURVEY: "Survey",
      COMPLAINT: "Complaint",
      TRAINING_RECORD: "Training record",
      CREDIT_ASSESSMENT: "Credit assessment",
      CUSTOM: "Other",
    },
  },
};
